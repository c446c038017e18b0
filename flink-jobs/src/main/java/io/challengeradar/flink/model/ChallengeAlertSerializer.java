package io.challengeradar.flink.model;

import io.challengeradar.contract.Stage;
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
 * Layout version 1 of {@link ChallengeAlert}, shuffled from the CEP operators to the lifecycle
 * and on to the intelligence, and kept in their state: id, the kind's wire name, tag, the stage's
 * name, detected at, first seen, cycle, the evidence in declaration order, the matched windows
 * (each as {@link WindowStatsSerializer} writes it), the sample videos and the earliest
 * participants.
 */
public final class ChallengeAlertSerializer extends ImmutableTypeSerializer<ChallengeAlert> {
  private static final long serialVersionUID = 1L;

  public static final ChallengeAlertSerializer INSTANCE = new ChallengeAlertSerializer();

  @Override
  public void serialize(ChallengeAlert a, DataOutputView out) throws IOException {
    Layout.writeNullable(out, a.id());
    Layout.writeKind(out, a.kind());
    Layout.writeString(out, a.tag());
    out.writeUTF(a.stage().name());
    Layout.writeNullable(out, a.detectedAt());
    Layout.writeNullable(out, a.firstSeen());
    out.writeInt(a.cycle());
    ChallengeAlert.Evidence e = a.evidence();
    out.writeDouble(e.share());
    out.writeDouble(e.baselineShare());
    out.writeDouble(e.score());
    out.writeLong(e.distinctAuthors());
    out.writeLong(e.newParticipants());
    out.writeLong(e.windowVolume());
    Layout.writeNullable(out, e.triggerWindows());
    WindowStats[] windows = a.windows();
    out.writeInt(windows == null ? -1 : windows.length);
    if (windows != null) {
      for (WindowStats w : windows) {
        WindowStatsSerializer.INSTANCE.serialize(w, out);
      }
    }
    Layout.writeNullable(out, a.sampleVideos());
    Layout.writeNullable(out, a.earliestParticipants());
  }

  @Override
  public ChallengeAlert deserialize(DataInputView in) throws IOException {
    String id = Layout.readNullableString(in);
    var kind = Layout.readKind(in);
    String tag = Layout.readString(in);
    Stage stage = stage(in.readUTF());
    var detectedAt = Layout.readNullableInstant(in);
    var firstSeen = Layout.readNullableInstant(in);
    int cycle = in.readInt();
    ChallengeAlert.Evidence evidence = new ChallengeAlert.Evidence(in.readDouble(),
        in.readDouble(), in.readDouble(), in.readLong(), in.readLong(), in.readLong(),
        Layout.readNullableInstants(in));
    int n = in.readInt();
    WindowStats[] windows = n < 0 ? null : new WindowStats[n];
    for (int i = 0; i < n; i++) {
      windows[i] = WindowStatsSerializer.INSTANCE.deserialize(in);
    }
    return new ChallengeAlert(id, kind, tag, stage, detectedAt, firstSeen, cycle, evidence,
        windows, Layout.readNullableStrings(in), Layout.readNullableStrings(in));
  }

  private static Stage stage(String name) throws IOException {
    try {
      return Stage.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown stage " + name, e);
    }
  }

  @Override
  public TypeSerializerSnapshot<ChallengeAlert> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChallengeAlert> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(ChallengeAlert.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<ChallengeAlert> {
    @Override
    public TypeInformation<ChallengeAlert> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(ChallengeAlert.class, INSTANCE);
    }
  }
}
