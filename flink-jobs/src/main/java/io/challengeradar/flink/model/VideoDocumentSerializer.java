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
 * Layout version 1 of {@link VideoDocument}, the video join's state and its output (one per
 * event): the post, the engagement, the features, snapshots, version, updatedAt, the signals;
 * each part's fields in declaration order, every nullable value behind a presence byte. A new
 * field in any part is a new layout: add it here and bump the snapshot's version.
 */
public final class VideoDocumentSerializer extends ImmutableTypeSerializer<VideoDocument> {
  private static final long serialVersionUID = 1L;

  public static final VideoDocumentSerializer INSTANCE = new VideoDocumentSerializer();

  @Override
  public void serialize(VideoDocument d, DataOutputView out) throws IOException {
    writePost(d.post(), out);
    writeEngagement(d.engagement(), out);
    writeFeatures(d.features(), out);
    out.writeInt(d.snapshots());
    out.writeLong(d.version());
    Layout.writeNullable(out, d.updatedAt());
    writeSignals(d.signals(), out);
  }

  @Override
  public VideoDocument deserialize(DataInputView in) throws IOException {
    return new VideoDocument(readPost(in), readEngagement(in), readFeatures(in), in.readInt(),
        in.readLong(), Layout.readNullableInstant(in), readSignals(in));
  }

  private static void writePost(VideoPost p, DataOutputView out) throws IOException {
    Layout.writeString(out, p.videoId());
    Layout.writeNullable(out, p.authorId());
    Layout.writeNullable(out, p.authorHandle());
    Layout.writeNullable(out, p.createdAt());
    Layout.writeNullable(out, p.caption());
    Layout.writeNullable(out, p.hashtags());
    Layout.writeNullable(out, p.musicId());
    Layout.writeNullable(out, p.durationSec());
    Layout.writeNullable(out, p.followerCount());
    Layout.writeNullable(out, p.language());
    Layout.writeNullable(out, p.region());
  }

  private static VideoPost readPost(DataInputView in) throws IOException {
    return new VideoPost(Layout.readString(in), Layout.readNullableString(in),
        Layout.readNullableString(in), Layout.readNullableInstant(in),
        Layout.readNullableString(in), Layout.readNullableStrings(in),
        Layout.readNullableString(in), Layout.readNullableInt(in), Layout.readNullableLong(in),
        Layout.readNullableString(in), Layout.readNullableString(in));
  }

  private static void writeEngagement(Engagement e, DataOutputView out) throws IOException {
    Layout.writeNullable(out, e.observedAt());
    Layout.writeNullable(out, e.views());
    Layout.writeNullable(out, e.likes());
    Layout.writeNullable(out, e.comments());
    Layout.writeNullable(out, e.shares());
    Layout.writeNullable(out, e.downloads());
    Layout.writeNullable(out, e.viewsDelta());
    Layout.writeNullable(out, e.likesDelta());
    Layout.writeNullable(out, e.commentsDelta());
    Layout.writeNullable(out, e.sharesDelta());
  }

  private static Engagement readEngagement(DataInputView in) throws IOException {
    return new Engagement(Layout.readNullableInstant(in), Layout.readNullableLong(in),
        Layout.readNullableLong(in), Layout.readNullableLong(in), Layout.readNullableLong(in),
        Layout.readNullableLong(in), Layout.readNullableLong(in), Layout.readNullableLong(in),
        Layout.readNullableLong(in), Layout.readNullableLong(in));
  }

  private static void writeFeatures(EngagementFeatures f, DataOutputView out) throws IOException {
    Layout.writeNullable(out, f.viewsPerHour());
    Layout.writeNullable(out, f.likesPerHour());
    Layout.writeNullable(out, f.commentsPerHour());
    Layout.writeNullable(out, f.sharesPerHour());
    Layout.writeNullable(out, f.viewsAcceleration());
    Layout.writeNullable(out, f.engagementRate());
    Layout.writeNullable(out, f.viewsPerFollower());
    Layout.writeNullable(out, f.ageHours());
  }

  private static EngagementFeatures readFeatures(DataInputView in) throws IOException {
    return new EngagementFeatures(Layout.readNullableDouble(in), Layout.readNullableDouble(in),
        Layout.readNullableDouble(in), Layout.readNullableDouble(in),
        Layout.readNullableDouble(in), Layout.readNullableDouble(in),
        Layout.readNullableDouble(in), Layout.readNullableDouble(in));
  }

  private static void writeSignals(VideoSignals s, DataOutputView out) throws IOException {
    Layout.writeNullable(out, s.embeddingModel());
    Layout.writeNullable(out, s.pendingEnrichment());
    Layout.writeNullable(out, s.enrichedAt());
    Layout.writeNullable(out, s.viralityAtPost());
    Layout.writeNullable(out, s.virality());
    Layout.writeNullable(out, s.viralityModel());
    Layout.writeNullable(out, s.viralityHead());
    Layout.writeNullable(out, s.claimProbability());
    Layout.writeNullable(out, s.claimsModel());
    Layout.writeNullable(out, s.viralityRatioCut());
  }

  private static VideoSignals readSignals(DataInputView in) throws IOException {
    return new VideoSignals(Layout.readNullableString(in), Layout.readNullableBoolean(in),
        Layout.readNullableInstant(in), Layout.readNullableDouble(in),
        Layout.readNullableDouble(in), Layout.readNullableString(in),
        Layout.readNullableString(in), Layout.readNullableDouble(in),
        Layout.readNullableString(in), Layout.readNullableDouble(in));
  }

  @Override
  public TypeSerializerSnapshot<VideoDocument> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<VideoDocument> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(VideoDocument.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<VideoDocument> {
    @Override
    public TypeInformation<VideoDocument> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(VideoDocument.class, INSTANCE);
    }
  }
}
