package io.challengeradar.flink.model;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Layout version 1: the event ({@link EventSerializer}), the raw payload, then the origin. */
public final class SourcedEventSerializer extends ImmutableTypeSerializer<SourcedEvent> {
  private static final long serialVersionUID = 1L;

  public static final SourcedEventSerializer INSTANCE = new SourcedEventSerializer();

  @Override
  public void serialize(SourcedEvent record, DataOutputView out) throws IOException {
    EventSerializer.INSTANCE.serialize(record.event(), out);
    EventSerializer.writeLongString(out, record.raw());
    Origin o = record.origin();
    out.writeUTF(o.kind());
    EventSerializer.writeLongString(out, o.name());
    out.writeInt(o.partition());
    out.writeLong(o.position());
  }

  @Override
  public SourcedEvent deserialize(DataInputView in) throws IOException {
    return new SourcedEvent(
        EventSerializer.INSTANCE.deserialize(in),
        EventSerializer.readLongString(in),
        new Origin(in.readUTF(), EventSerializer.readLongString(in), in.readInt(), in.readLong()));
  }

  @Override
  public TypeSerializerSnapshot<SourcedEvent> snapshotConfiguration() {
    return new SourcedEventSerializerSnapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class SourcedEventSerializerSnapshot
      extends SimpleTypeSerializerSnapshot<SourcedEvent> {
    public SourcedEventSerializerSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
