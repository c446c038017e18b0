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
 * Layout version 1 of {@link TagActivity}, the record shuffled from the video join to the trend
 * windows (several per event): the kind's wire name, tag, video, author, event time, whether it
 * is a new post, views gained.
 */
public final class TagActivitySerializer extends ImmutableTypeSerializer<TagActivity> {
  private static final long serialVersionUID = 1L;

  public static final TagActivitySerializer INSTANCE = new TagActivitySerializer();

  @Override
  public void serialize(TagActivity a, DataOutputView out) throws IOException {
    Layout.writeKind(out, a.kind());
    Layout.writeString(out, a.tag());
    Layout.writeNullable(out, a.videoId());
    Layout.writeNullable(out, a.authorId());
    out.writeLong(a.eventTimeMillis());
    out.writeBoolean(a.newPost());
    out.writeLong(a.viewsGained());
  }

  @Override
  public TagActivity deserialize(DataInputView in) throws IOException {
    return new TagActivity(Layout.readKind(in), Layout.readString(in),
        Layout.readNullableString(in), Layout.readNullableString(in), in.readLong(), in.readBoolean(), in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<TagActivity> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TagActivity> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(TagActivity.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<TagActivity> {
    @Override
    public TypeInformation<TagActivity> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(TagActivity.class, INSTANCE);
    }
  }
}
