package io.challengeradar.flink.backtest;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One flag raised on a tag, as the backtest scores it: an alert of the job (its stage and the end
 * of the window that raised it), or the naive baseline's threshold crossing.
 *
 * @param evidence whatever else the alert carries as plain values (share, score, authors ...),
 *     shown when present; empty for detectors that carry none
 */
public record Detection(TagKey key, String stage, Instant at, Map<String, Object> evidence) {

  public Detection {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(at, "at");
    evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
  }

  public static Detection of(String kind, String tag, String stage, Instant at) {
    return new Detection(new TagKey(kind, tag), stage, at, Map.of());
  }
}
