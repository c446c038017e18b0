package io.challengeradar.flink.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The detector to beat: a tag is flagged at the end of the first window in which its raw new
 * participants reach a fixed threshold. No baseline, no share: what a dashboard sorted by "new
 * authors this hour" shows.
 */
public record NaiveBaseline(long threshold) {

  public static final long DEFAULT_THRESHOLD = 10;
  public static final String STAGE = "THRESHOLD";

  public NaiveBaseline {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
    }
  }

  /** One flag per tag that ever reaches the threshold, at the end of its first such window. */
  public List<Detection> detect(TagSeries series) {
    long size = series.window().toMillis();
    List<Detection> flags = new ArrayList<>();
    for (TagKey key : series.keys()) {
      for (Map.Entry<Long, Long> w : series.newParticipants(key).entrySet()) {
        if (w.getValue() >= threshold) {
          flags.add(new Detection(key, STAGE, Instant.ofEpochMilli(w.getKey() + size),
              Map.of("newParticipants", w.getValue())));
          break;
        }
      }
    }
    return flags;
  }
}
