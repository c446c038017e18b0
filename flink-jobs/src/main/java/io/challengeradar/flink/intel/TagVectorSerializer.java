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
 * Layout version 1 of {@link TagVector}, shuffled by challenge for every tag of every enriched
 * video: challenge, video (behind a presence byte), the caption vector as a length and floats.
 */
public final class TagVectorSerializer extends ImmutableTypeSerializer<TagVector> {
  private static final long serialVersionUID = 1L;

  public static final TagVectorSerializer INSTANCE = new TagVectorSerializer();

  @Override
  public void serialize(TagVector r, DataOutputView out) throws IOException {
    Layout.writeString(out, r.challenge());
    Layout.writeNullable(out, r.videoId());
    Layout.writeNullable(out, r.embedding());
  }

  @Override
  public TagVector deserialize(DataInputView in) throws IOException {
    return new TagVector(Layout.readString(in), Layout.readNullableString(in),
        Layout.readNullableFloats(in));
  }

  @Override
  public TypeSerializerSnapshot<TagVector> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TagVector> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(TagVector.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<TagVector> {
    @Override
    public TypeInformation<TagVector> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(TagVector.class, INSTANCE);
    }
  }
}
