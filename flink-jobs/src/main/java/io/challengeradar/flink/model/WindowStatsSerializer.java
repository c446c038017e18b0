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
 * Layout version 1 of {@link WindowStats}, kept in the detector's and the CEP operators' state
 * (read and written on every window with RocksDB) and carried inside every alert: the kind's
 * wire name, tag, window start and end, the counts and the trend in declaration order, first
 * seen, the sample videos and the earliest participants.
 */
public final class WindowStatsSerializer extends ImmutableTypeSerializer<WindowStats> {
  private static final long serialVersionUID = 1L;

  public static final WindowStatsSerializer INSTANCE = new WindowStatsSerializer();

  @Override
  public void serialize(WindowStats w, DataOutputView out) throws IOException {
    Layout.writeKind(out, w.kind());
    Layout.writeString(out, w.tag());
    Layout.writeNullable(out, w.windowStart());
    Layout.writeNullable(out, w.windowEnd());
    WindowStats.Counts c = w.counts();
    out.writeLong(c.newPosts());
    out.writeLong(c.participants());
    out.writeLong(c.newParticipants());
    out.writeLong(c.cumulativeParticipants());
    out.writeLong(c.viewsGained());
    out.writeDouble(c.participantGrowth());
    out.writeLong(c.previousNewParticipants());
    out.writeLong(c.previousViewsGained());
    WindowStats.Trend t = w.trend();
    out.writeLong(t.windowVolume());
    out.writeDouble(t.share());
    out.writeLong(t.recentNewParticipants());
    out.writeDouble(t.recentShare());
    out.writeDouble(t.baselineShare());
    out.writeDouble(t.expectedNewParticipants());
    out.writeDouble(t.lift());
    out.writeDouble(t.score());
    out.writeDouble(t.previousShare());
    out.writeDouble(t.previousRecentShare());
    out.writeDouble(t.peakScore());
    out.writeDouble(t.peakRecentShare());
    Layout.writeNullable(out, w.firstSeen());
    Layout.writeNullable(out, w.sampleVideos());
    Layout.writeNullable(out, w.earliestParticipants());
  }

  @Override
  public WindowStats deserialize(DataInputView in) throws IOException {
    return new WindowStats(Layout.readKind(in), Layout.readString(in),
        Layout.readNullableInstant(in), Layout.readNullableInstant(in),
        new WindowStats.Counts(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
            in.readLong(), in.readDouble(), in.readLong(), in.readLong()),
        new WindowStats.Trend(in.readLong(), in.readDouble(), in.readLong(), in.readDouble(),
            in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
            in.readDouble(), in.readDouble(), in.readDouble()),
        Layout.readNullableInstant(in), Layout.readNullableStrings(in),
        Layout.readNullableStrings(in));
  }

  @Override
  public TypeSerializerSnapshot<WindowStats> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowStats> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(WindowStats.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<WindowStats> {
    @Override
    public TypeInformation<WindowStats> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(WindowStats.class, INSTANCE);
    }
  }
}
