package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * One video as the analysts see it in {@code radar-videos}: the post's metadata and the features
 * of its latest engagement snapshot. Engagement fields are null until the first snapshot arrives;
 * ratios are null when their denominator is zero or unknown.
 *
 * @param snapshots engagement snapshots received for the video, superseded ones included
 * @param version events applied so far (the post and every snapshot); grows with every update, so
 *     Elasticsearch can refuse a stale write with external versioning
 * @param signals what the serving tier said about the video (its fields are written flat)
 */
public record VideoDocument(
    String videoId,
    String authorId,
    String authorHandle,
    Instant createdAt,
    String caption,
    String[] hashtags,
    String musicId,
    Integer durationSec,
    Long followerCount,
    String language,
    String region,
    Instant observedAt,
    Long views,
    Long likes,
    Long comments,
    Long shares,
    Long downloads,
    Long viewsDelta,
    Long likesDelta,
    Long commentsDelta,
    Long sharesDelta,
    Double viewsPerHour,
    Double likesPerHour,
    Double commentsPerHour,
    Double sharesPerHour,
    Double viewsAcceleration,
    Double engagementRate,
    Double viewsPerFollower,
    Double ageHours,
    int snapshots,
    long version,
    Instant updatedAt,
    @JsonUnwrapped VideoSignals signals) {

  public String id() {
    return videoId;
  }
}
