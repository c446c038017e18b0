package io.challengeradar.flink.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Scores a detector's flags against a truth list, server-free: the flags and the tag series come
 * in, a {@link Score} goes out. Only the kinds the truth list names are scored (a list of hashtags
 * says nothing about sounds).
 */
public final class Scoring {

  private Scoring() {}

  /**
   * @param negativeMinAuthors a non-truth tag with at least this many authors counts among those
   *     that could have been flagged (the false positive rate's denominator)
   */
  public static Score score(String detector, List<TruthEntry> truth, List<Detection> flags,
      TagSeries series, int negativeMinAuthors) {
    Set<String> kinds = truth.stream().map(e -> e.key().kind())
        .collect(Collectors.toCollection(TreeSet::new));
    Map<TagKey, List<Detection>> byKey = new LinkedHashMap<>();
    flags.stream().filter(d -> kinds.contains(d.key().kind()))
        .sorted(Comparator.comparing(Detection::at))
        .forEach(d -> byKey.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d));

    Set<TagKey> truthKeys = new TreeSet<>();
    List<Score.Row> rows = new ArrayList<>();
    for (TruthEntry e : truth) {
      truthKeys.add(e.key());
      rows.add(row(e.key(), byKey.getOrDefault(e.key(), List.of()), series));
    }
    List<Score.FalseAlert> falseAlerts = new ArrayList<>();
    byKey.forEach((key, ds) -> {
      if (!truthKeys.contains(key)) {
        falseAlerts.add(new Score.FalseAlert(key, ds.size(), ds.get(0).at(), ds.get(0).stage()));
      }
    });
    falseAlerts.sort(Comparator.comparingInt(Score.FalseAlert::flags).reversed()
        .thenComparing(Score.FalseAlert::first));

    long detected = rows.stream().filter(Score.Row::detected).count();
    long flaggedTags = detected + falseAlerts.size();
    long negatives = series.keys().stream()
        .filter(k -> kinds.contains(k.kind()) && !truthKeys.contains(k)
            && series.authors(k) >= negativeMinAuthors)
        .count();
    long falseOutsideNegatives = falseAlerts.stream()
        .filter(f -> series.authors(f.key()) < negativeMinAuthors).count();
    negatives += falseOutsideNegatives;
    List<Double> leads = rows.stream().map(Score.Row::leadHours).filter(l -> l != null).sorted()
        .toList();
    long early = leads.stream().filter(l -> l > 0).count();
    return new Score(detector, rows, falseAlerts,
        flaggedTags == 0 ? Double.NaN : detected / (double) flaggedTags,
        truth.isEmpty() ? Double.NaN : detected / (double) truth.size(),
        negatives == 0 ? Double.NaN : falseAlerts.size() / (double) negatives,
        median(leads), leads.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
        truth.isEmpty() ? Double.NaN : early / (double) truth.size());
  }

  private static Score.Row row(TagKey key, List<Detection> flags, TagSeries series) {
    TagSeries.Peak peak = series.peak(key);
    if (flags.isEmpty()) {
      return new Score.Row(key, null, null, peak == null ? null : peak.end(),
          peak == null ? 0 : peak.newParticipants(), null, flags);
    }
    Detection first = flags.get(0);
    Double lead = peak == null ? null
        : Duration.between(first.at(), peak.end()).toSeconds() / 3600.0;
    return new Score.Row(key, first.at(), first.stage(), peak == null ? null : peak.end(),
        peak == null ? 0 : peak.newParticipants(), lead, flags);
  }

  static double median(List<Double> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
