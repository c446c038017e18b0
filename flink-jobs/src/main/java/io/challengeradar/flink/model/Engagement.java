package io.challengeradar.flink.model;

import java.time.Instant;

/**
 * A video's latest engagement snapshot: its cumulative counters and what they gained since the
 * snapshot before (or since the post, for the first). Part of {@link VideoDocument}, written flat
 * into it; every field is null until the first snapshot arrives.
 *
 * @param observedAt when the snapshot was taken
 * @param downloads null when the source does not count them
 */
public record Engagement(
    Instant observedAt,
    Long views,
    Long likes,
    Long comments,
    Long shares,
    Long downloads,
    Long viewsDelta,
    Long likesDelta,
    Long commentsDelta,
    Long sharesDelta) {

  /** Not observed yet. */
  public static final Engagement NONE =
      new Engagement(null, null, null, null, null, null, null, null, null, null);
}
