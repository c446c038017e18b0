package io.challengeradar.flink.model;

/**
 * What the latest snapshot says about a video's growth, computed by {@link
 * io.challengeradar.flink.ops.VideoFeatures}. Part of {@link VideoDocument}, written flat into it;
 * every field is null until the first snapshot arrives, and a ratio is null when its denominator
 * is zero or unknown.
 *
 * @param viewsPerHour views gained since the previous snapshot, per hour between the two
 * @param viewsAcceleration change of viewsPerHour since the previous snapshot, per hour; null
 *     until two snapshots gave a rate
 * @param engagementRate (likes + comments + shares) over views
 * @param viewsPerFollower views over the author's followers at post time
 * @param ageHours hours from the post to the snapshot
 */
public record EngagementFeatures(
    Double viewsPerHour,
    Double likesPerHour,
    Double commentsPerHour,
    Double sharesPerHour,
    Double viewsAcceleration,
    Double engagementRate,
    Double viewsPerFollower,
    Double ageHours) {

  /** Not observed yet. */
  public static final EngagementFeatures NONE =
      new EngagementFeatures(null, null, null, null, null, null, null, null);
}
