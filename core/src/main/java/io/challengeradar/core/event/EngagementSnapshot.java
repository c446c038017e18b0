package io.challengeradar.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The counters of one video as observed at one moment. Counts are cumulative since the video was
 * posted; {@code downloads} is optional (null when the source does not report it).
 */
public record EngagementSnapshot(
    String videoId,
    Instant observedAt,
    long views,
    long likes,
    long comments,
    long shares,
    Long downloads)
    implements Event {

  public static final String TYPE = "engagement";

  public EngagementSnapshot {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(observedAt, "observedAt");
  }

  @Override
  public Instant eventTime() {
    return observedAt;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
