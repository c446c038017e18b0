package io.challengeradar.flink.ops;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.VideoDocument;
import java.time.Duration;
import java.time.Instant;

/**
 * The time-series features of a video, as pure functions of its previous document and a new
 * snapshot. Counters are cumulative, so a video's first snapshot is measured against zero at the
 * moment it was posted.
 */
public final class VideoFeatures {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private VideoFeatures() {}

  /** The document of a video that has been posted but not yet observed. */
  public static VideoDocument ofPost(Post p) {
    return new VideoDocument(
        p.videoId(), p.authorId(), p.authorHandle(), p.createdAt(), p.caption(),
        p.hashtags().toArray(new String[0]), p.musicId(), p.durationSec(), p.followerCount(),
        p.language(), p.region(),
        null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null,
        0, 1, p.createdAt());
  }

  /** The document after a snapshot newer than any applied so far. */
  public static VideoDocument withSnapshot(VideoDocument d, EngagementSnapshot s) {
    Instant previousAt = d.observedAt() == null ? d.createdAt() : d.observedAt();
    double hours = Duration.between(previousAt, s.observedAt()).toMillis() / MILLIS_PER_HOUR;
    long viewsDelta = s.views() - orZero(d.views());
    long likesDelta = s.likes() - orZero(d.likes());
    long commentsDelta = s.comments() - orZero(d.comments());
    long sharesDelta = s.shares() - orZero(d.shares());
    Double viewsPerHour = perHour(viewsDelta, hours);
    Double acceleration =
        viewsPerHour == null || d.viewsPerHour() == null
            ? null
            : (viewsPerHour - d.viewsPerHour()) / hours;
    Double engagementRate =
        s.views() == 0 ? null : (double) (s.likes() + s.comments() + s.shares()) / s.views();
    Double viewsPerFollower =
        d.followerCount() == null || d.followerCount() == 0
            ? null
            : (double) s.views() / d.followerCount();
    double ageHours =
        Duration.between(d.createdAt(), s.observedAt()).toMillis() / MILLIS_PER_HOUR;
    return new VideoDocument(
        d.videoId(), d.authorId(), d.authorHandle(), d.createdAt(), d.caption(), d.hashtags(),
        d.musicId(), d.durationSec(), d.followerCount(), d.language(), d.region(),
        s.observedAt(), s.views(), s.likes(), s.comments(), s.shares(), s.downloads(),
        viewsDelta, likesDelta, commentsDelta, sharesDelta,
        viewsPerHour, perHour(likesDelta, hours), perHour(commentsDelta, hours),
        perHour(sharesDelta, hours), acceleration, engagementRate, viewsPerFollower, ageHours,
        d.snapshots() + 1, d.version() + 1, s.observedAt());
  }

  /** The document after a snapshot older than the latest applied: counted, features unchanged. */
  public static VideoDocument withSupersededSnapshot(VideoDocument d) {
    return new VideoDocument(
        d.videoId(), d.authorId(), d.authorHandle(), d.createdAt(), d.caption(), d.hashtags(),
        d.musicId(), d.durationSec(), d.followerCount(), d.language(), d.region(),
        d.observedAt(), d.views(), d.likes(), d.comments(), d.shares(), d.downloads(),
        d.viewsDelta(), d.likesDelta(), d.commentsDelta(), d.sharesDelta(),
        d.viewsPerHour(), d.likesPerHour(), d.commentsPerHour(), d.sharesPerHour(),
        d.viewsAcceleration(), d.engagementRate(), d.viewsPerFollower(), d.ageHours(),
        d.snapshots() + 1, d.version() + 1, d.updatedAt());
  }

  private static Double perHour(long delta, double hours) {
    // Two snapshots at the same instant give no rate; null rather than infinity.
    return hours > 0 ? delta / hours : null;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
