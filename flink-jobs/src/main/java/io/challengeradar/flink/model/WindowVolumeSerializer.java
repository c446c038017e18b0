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
 * Layout version 1 of {@link WindowVolume}, shuffled by window from every tag window and then
 * broadcast to the detector: the kind's wire name, window start, new participants, active tags.
 */
public final class WindowVolumeSerializer extends ImmutableTypeSerializer<WindowVolume> {
  private static final long serialVersionUID = 1L;

  public static final WindowVolumeSerializer INSTANCE = new WindowVolumeSerializer();

  @Override
  public void serialize(WindowVolume r, DataOutputView out) throws IOException {
    Layout.writeKind(out, r.kind());
    out.writeLong(r.windowStartMillis());
    out.writeLong(r.newParticipants());
    out.writeLong(r.activeTags());
  }

  @Override
  public WindowVolume deserialize(DataInputView in) throws IOException {
    return new WindowVolume(Layout.readKind(in), in.readLong(), in.readLong(), in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<WindowVolume> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowVolume> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(WindowVolume.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<WindowVolume> {
    @Override
    public TypeInformation<WindowVolume> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(WindowVolume.class, INSTANCE);
    }
  }
}
