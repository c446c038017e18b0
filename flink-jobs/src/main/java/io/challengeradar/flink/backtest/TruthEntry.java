package io.challengeradar.flink.backtest;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One challenge of a truth list. Only the key is needed for scoring; the rest is the evidence the
 * truth rule found (null or empty for a list that does not carry it, like the generator's).
 *
 * @param burstDay the first day the truth rule holds
 * @param peakDay the day of the tag's most new participants
 * @param authors distinct authors with the tag in the data set
 * @param rise share on the burst day over the earlier level (floor included)
 * @param daily new participants per day
 */
public record TruthEntry(TagKey key, LocalDate burstDay, LocalDate peakDay, Integer authors,
    Double rise, SortedMap<LocalDate, Long> daily) {

  public TruthEntry {
    Objects.requireNonNull(key, "key");
    daily = Collections.unmodifiableSortedMap(daily == null ? new TreeMap<>() : new TreeMap<>(daily));
  }

  /** An entry that names the tag and nothing else. */
  public static TruthEntry of(String kind, String tag) {
    return new TruthEntry(new TagKey(kind, tag), null, null, null, null, null);
  }
}
