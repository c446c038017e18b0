package io.challengeradar.flink.intel;

import io.challengeradar.flink.model.ImmutableTypeSerializer;
import io.challengeradar.flink.model.Layout;
import io.challengeradar.flink.model.SerializerTypeInfo;
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
 * Layout version 1 of {@link UserVideo}, shuffled by author for every enriched video and kept in
 * the author's history: author, video (each behind a presence byte), created at, the challenges,
 * the caption vector as a length and floats.
 */
public final class UserVideoSerializer extends ImmutableTypeSerializer<UserVideo> {
  private static final long serialVersionUID = 1L;

  public static final UserVideoSerializer INSTANCE = new UserVideoSerializer();

  @Override
  public void serialize(UserVideo r, DataOutputView out) throws IOException {
    Layout.writeNullable(out, r.authorId());
    Layout.writeNullable(out, r.videoId());
    out.writeLong(r.createdAtMillis());
    Layout.writeNullable(out, r.challenges());
    Layout.writeNullable(out, r.embedding());
  }

  @Override
  public UserVideo deserialize(DataInputView in) throws IOException {
    return new UserVideo(Layout.readNullableString(in), Layout.readNullableString(in),
        in.readLong(), Layout.readNullableStrings(in), Layout.readNullableFloats(in));
  }

  @Override
  public TypeSerializerSnapshot<UserVideo> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserVideo> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(UserVideo.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<UserVideo> {
    @Override
    public TypeInformation<UserVideo> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(UserVideo.class, INSTANCE);
    }
  }
}
