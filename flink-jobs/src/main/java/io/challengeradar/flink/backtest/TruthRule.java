package io.challengeradar.flink.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rule that makes a truth list from the data alone (docs/detection.md, "Truth lists"): a tag
 * whose daily share of new participants rises at least {@code rise}-fold within three days over
 * its earlier level (never below one new participant on a typical day), with at least
 * {@code minAuthors} new participants over those three days, not in the data set's first days,
 * and not present on half of the data set's first days (evergreen).
 *
 * @param rise least share on the burst day over the earlier level
 * @param minAuthors least new participants on the burst day and the two days before
 */
public record TruthRule(double rise, int minAuthors) {

  public static final double DEFAULT_RISE = 3.0;
  public static final int DEFAULT_MIN_AUTHORS = 10;
  /** The earlier level is the mean share over the days d-9 .. d-3. */
  static final int LEVEL_FROM = 9;
  static final int LEVEL_TO = 3;
  /** First days of the data set that decide whether a tag is evergreen. */
  static final int FIRST_DAYS = 7;
  /** The least span of days, first to last, a data set needs for a burst to be told apart. */
  public static final int MIN_DAYS = LEVEL_TO + 1;

  public TruthRule {
    if (rise <= 1) {
      throw new IllegalArgumentException("rise must be above 1, was " + rise);
    }
    if (minAuthors < 1) {
      throw new IllegalArgumentException("minAuthors must be at least 1, was " + minAuthors);
    }
  }

  public static TruthRule defaults() {
    return new TruthRule(DEFAULT_RISE, DEFAULT_MIN_AUTHORS);
  }

  /** The data set cannot carry a truth list (too short, or no tag of the kind). */
  public static final class UnsupportedDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedDataException(String message) {
      super(message);
    }
  }

  /**
   * The truth entries of one kind in {@code daily} (a series with one-day windows), ordered by
   * burst day, then tag.
   *
   * @throws UnsupportedDataException when the data spans fewer than {@link #MIN_DAYS} days or
   *     holds no tag of the kind
   */
  public List<TruthEntry> apply(TagSeries daily, String kind) {
    if (!daily.window().equals(Duration.ofDays(1))) {
      throw new IllegalArgumentException("the truth rule counts days; the series has windows of "
          + daily.window());
    }
    NavigableMap<Long, Long> volume = daily.volume(kind);
    if (volume.isEmpty()) {
      throw new UnsupportedDataException("the data holds no " + kind + " at all");
    }
    LocalDate first = day(volume.firstKey());
    LocalDate last = day(volume.lastKey());
    long span = last.toEpochDay() - first.toEpochDay() + 1;
    if (span < MIN_DAYS) {
      throw new UnsupportedDataException("the data spans " + span + " day(s) (" + first
          + (span > 1 ? ".." + last : "") + "): a truth list needs at least " + MIN_DAYS
          + " days, to tell a rise from the tag's earlier level");
    }
    List<Long> firstDays = volume.keySet().stream().limit(FIRST_DAYS).toList();
    List<TruthEntry> entries = new ArrayList<>();
    for (TagKey key : daily.keys()) {
      if (!key.kind().equals(kind)) {
        continue;
      }
      NavigableMap<Long, Long> counts = daily.newParticipants(key);
      long presentEarly = firstDays.stream().filter(counts::containsKey).count();
      if (presentEarly * 2 >= firstDays.size()) {
        continue;
      }
      TruthEntry e = burst(daily, key, counts, first);
      if (e != null) {
        entries.add(e);
      }
    }
    entries.sort((a, b) -> a.burstDay().equals(b.burstDay())
        ? a.key().compareTo(b.key()) : a.burstDay().compareTo(b.burstDay()));
    return entries;
  }

  private TruthEntry burst(TagSeries daily, TagKey key, NavigableMap<Long, Long> counts,
      LocalDate first) {
    for (long start : counts.keySet()) {
      LocalDate d = day(start);
      if (d.toEpochDay() - first.toEpochDay() < LEVEL_TO) {
        continue;
      }
      long recent = counts.subMap(millis(d.minusDays(2)), true, start, true).values().stream()
          .mapToLong(Long::longValue).sum();
      if (recent < minAuthors) {
        continue;
      }
      double level = level(daily, key, d);
      double ratio = daily.share(key, start) / level;
      if (ratio >= rise) {
        return new TruthEntry(key, d, day(daily.peak(key).start().toEpochMilli()),
            daily.authors(key), ratio, evidence(counts));
      }
    }
    return null;
  }

  /**
   * The earlier level: the mean share over d-9 .. d-3, over the days the data set covers (days
   * with posts), but at least the floor, one new participant a day at those days' mean volume.
   * The floor follows the sample's density: a crawl that grows tenfold over its span would
   * otherwise hold a tag of its dense weeks to the thin weeks' standard.
   */
  static double level(TagSeries daily, TagKey key, LocalDate d) {
    NavigableMap<Long, Long> days = daily.volume(key.kind())
        .subMap(millis(d.minusDays(LEVEL_FROM)), true, millis(d.minusDays(LEVEL_TO)), true);
    if (days.isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    double shares = 0;
    double volume = 0;
    for (Map.Entry<Long, Long> day : days.entrySet()) {
      shares += daily.share(key, day.getKey());
      volume += day.getValue();
    }
    return Math.max(shares / days.size(), days.size() / volume);
  }

  /** The tag's new participants on each day it has any (a day not listed had none). */
  private static SortedMap<LocalDate, Long> evidence(NavigableMap<Long, Long> counts) {
    SortedMap<LocalDate, Long> out = new TreeMap<>();
    counts.forEach((start, n) -> out.put(day(start), n));
    return out;
  }

  private static LocalDate day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static long millis(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
