package io.challengeradar.flink.ops;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.Engagement;
import io.challengeradar.flink.model.EngagementFeatures;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoPost;
import io.challengeradar.flink.model.VideoSignals;
import java.time.Duration;
import java.time.Instant;

/**
 * The time-series features of a video, as pure functions of its previous document and a new
 * snapshot. Counters are cumulative, so a video's first snapshot is measured against zero at the
 * moment it was posted.
 */
public final class VideoFeatures {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;
  /** Age at which the observed views fully count against the head's prior. */
  static final double VIRALITY_EVIDENCE_HOURS = 24;

  private VideoFeatures() {}

  /**
   * The document of a video that has been posted but not yet observed.
   *
   * @param signals {@link VideoSignals#PENDING} when the pipeline enriches, else {@link
   *     VideoSignals#NONE}
   */
  public static VideoDocument ofPost(Post p, VideoSignals signals) {
    return new VideoDocument(VideoPost.of(p), Engagement.NONE, EngagementFeatures.NONE,
        0, 1, p.createdAt(), signals);
  }

  /** The document after a snapshot newer than any applied so far. */
  public static VideoDocument withSnapshot(VideoDocument d, EngagementSnapshot s) {
    VideoPost post = d.post();
    Engagement before = d.engagement();
    Instant previousAt = before.observedAt() == null ? post.createdAt() : before.observedAt();
    double hours = Duration.between(previousAt, s.observedAt()).toMillis() / MILLIS_PER_HOUR;
    Engagement now = new Engagement(s.observedAt(),
        s.views(), s.likes(), s.comments(), s.shares(), s.downloads(),
        s.views() - orZero(before.views()), s.likes() - orZero(before.likes()),
        s.comments() - orZero(before.comments()), s.shares() - orZero(before.shares()));
    Double viewsPerHour = perHour(now.viewsDelta(), hours);
    Double previousViewsPerHour = d.features().viewsPerHour();
    Double acceleration =
        viewsPerHour == null || previousViewsPerHour == null
            ? null
            : (viewsPerHour - previousViewsPerHour) / hours;
    Double engagementRate =
        s.views() == 0 ? null : (double) (s.likes() + s.comments() + s.shares()) / s.views();
    Double viewsPerFollower =
        post.followerCount() == null || post.followerCount() == 0
            ? null
            : (double) s.views() / post.followerCount();
    double ageHours =
        Duration.between(post.createdAt(), s.observedAt()).toMillis() / MILLIS_PER_HOUR;
    EngagementFeatures features = new EngagementFeatures(viewsPerHour,
        perHour(now.likesDelta(), hours), perHour(now.commentsDelta(), hours),
        perHour(now.sharesDelta(), hours), acceleration, engagementRate, viewsPerFollower,
        ageHours);
    VideoSignals signals = d.signals().withVirality(
        virality(d.signals(), s.views(), post.followerCount(), ageHours));
    return new VideoDocument(post, now, features, d.snapshots() + 1, d.version() + 1,
        s.observedAt(), signals);
  }

  /** The document after a snapshot older than the latest applied: counted, features unchanged. */
  public static VideoDocument withSupersededSnapshot(VideoDocument d) {
    return new VideoDocument(d.post(), d.engagement(), d.features(), d.snapshots() + 1,
        d.version() + 1, d.updatedAt(), d.signals());
  }

  /**
   * The document once the serving tier's answer {@code e} is in: one more applied event. Its
   * virality starts from the head's and takes in the views observed so far.
   */
  public static VideoDocument withEnrichment(VideoDocument d, Enrichment.Answer e, Instant at) {
    VideoSignals signals = VideoSignals.of(e);
    Long views = d.engagement().views();
    if (views != null) {
      signals = signals.withVirality(
          virality(signals, views, d.post().followerCount(), d.features().ageHours()));
    }
    return new VideoDocument(d.post(), d.engagement(), d.features(), d.snapshots(),
        d.version() + 1, at, signals);
  }

  /**
   * The virality now: the head's probability at post time, moved by the evidence of the views.
   *
   * <pre>
   * virality = sigmoid(logit(viralityAtPost) + w * ln((views + 1) / (cut * followers + 1)))
   * w        = min(1, ageHours / 24)
   * </pre>
   *
   * The evidence is 0 when the video is exactly at the head's cut ({@code label.ratio.cut}
   * views per follower, the label it was trained on), positive above it and grows with the views
   * (monotone); followers count as at least 1, as in training. The weight gives the prior way to
   * the observation over the first day, when a young video's views say little yet. Null while
   * there is no prior; the prior unchanged without a cut.
   */
  public static Double virality(VideoSignals s, Long views, Long followers, Double ageHours) {
    if (s.viralityAtPost() == null) {
      return null;
    }
    if (s.viralityRatioCut() == null || views == null || ageHours == null) {
      return s.viralityAtPost();
    }
    double p = Math.min(1 - 1e-6, Math.max(1e-6, s.viralityAtPost()));
    double evidence = Math.log((views + 1.0)
        / (s.viralityRatioCut() * Math.max(1, followers == null ? 0 : followers) + 1.0));
    double w = Math.min(1, Math.max(0, ageHours) / VIRALITY_EVIDENCE_HOURS);
    double z = Math.log(p / (1 - p)) + w * evidence;
    return 1 / (1 + Math.exp(-z));
  }

  private static Double perHour(long delta, double hours) {
    // Two snapshots at the same instant give no rate; null rather than infinity.
    return hours > 0 ? delta / hours : null;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
