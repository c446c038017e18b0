package io.challengeradar.flink.model;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Layout version 1 of {@link AuthorObservation}, shuffled by author on every engagement snapshot
 * of a known video: author, video (each behind a presence byte), posted at, observed at, views,
 * interactions.
 */
public final class AuthorObservationSerializer extends ImmutableTypeSerializer<AuthorObservation> {
  private static final long serialVersionUID = 1L;

  public static final AuthorObservationSerializer INSTANCE = new AuthorObservationSerializer();

  @Override
  public void serialize(AuthorObservation r, DataOutputView out) throws IOException {
    Layout.writeNullable(out, r.authorId());
    Layout.writeNullable(out, r.videoId());
    out.writeLong(r.postedAtMillis());
    out.writeLong(r.observedAtMillis());
    out.writeLong(r.views());
    out.writeLong(r.interactions());
  }

  @Override
  public AuthorObservation deserialize(DataInputView in) throws IOException {
    return new AuthorObservation(Layout.readNullableString(in), Layout.readNullableString(in),
        in.readLong(), in.readLong(), in.readLong(), in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<AuthorObservation> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AuthorObservation> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(AuthorObservation.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<AuthorObservation> {
    @Override
    public TypeInformation<AuthorObservation> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(AuthorObservation.class, INSTANCE);
    }
  }
}
