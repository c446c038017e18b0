package io.challengeradar.app.backtest;

import io.challengeradar.flink.backtest.Backtest;
import io.challengeradar.flink.backtest.Score;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code radar backtest}'s table and its JSON form (docs/detection.md, "Backtest"). */
public final class BacktestReport {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int FALSE_ALERTS_SHOWN = 15;

  private BacktestReport() {}

  /** The table of one setting, or one line per setting for a sweep. */
  public static void print(PrintStream out, BacktestRun.Outcome o) {
    out.println();
    out.println("radar backtest: " + o.source());
    out.println("truth: " + o.truthSource() + ", " + o.truth().size() + " entries");
    if (o.results().size() == 1) {
      printOne(out, o.results().get(0));
    } else {
      printSweep(out, o.results());
    }
  }

  private static void printOne(PrintStream out, Backtest.Result r) {
    out.println("setting: " + r.setting().name() + " (window " + r.setting().window()
        + ", naive: raw new participants per window >= threshold)");
    out.println();
    out.printf(Locale.ROOT, "%-32s %-16s %-12s %8s | %-16s %8s | %-16s %5s%n", "truth challenge",
        "radar first", "stage", "lead h", "naive first", "lead h", "peak window end", "peak");
    Map<Object, Score.Row> naive = new LinkedHashMap<>();
    r.naive().rows().forEach(row -> naive.put(row.key(), row));
    for (Score.Row row : r.radar().rows()) {
      Score.Row n = naive.get(row.key());
      out.printf(Locale.ROOT, "%-32s %-16s %-12s %8s | %-16s %8s | %-16s %5d%s%n",
          cut(row.key().toString(), 32), time(row.firstDetection()),
          row.firstStage() == null ? "missed" : row.firstStage(), lead(row.leadHours()),
          time(n.firstDetection()), lead(n.leadHours()), time(row.peakEnd()),
          row.peakNewParticipants(), evidence(row));
    }
    out.println();
    printFalse(out, "false alerts (radar)", r.radar());
    printFalse(out, "false alerts (naive)", r.naive());
    out.println();
    out.printf(Locale.ROOT, "%-40s %10s %10s%n", "measure", "radar", "naive");
    measures(r.radar(), r.naive()).forEach((name, v) ->
        out.printf(Locale.ROOT, "%-40s %10s %10s%n", name, v[0], v[1]));
    out.printf(Locale.ROOT, "%-40s %10d%n", "alerts", r.results().alertCount());
    out.printf(Locale.ROOT, "%-40s %10d%n", "input events accounted for",
        r.results().eventsApplied() + r.results().deadLettered());
    if (r.results().documentsRefused() > 0) {
      out.printf(Locale.ROOT, "%-40s %10d  (dead-lettered: see radar-deadletter)%n",
          "documents Elasticsearch refused", r.results().documentsRefused());
    }
    if (!r.charts().isEmpty()) {
      out.println();
      out.println(r.charts().size() + " charts in " + r.charts().get(0).getParent());
    }
  }

  private static void printSweep(PrintStream out, List<Backtest.Result> results) {
    out.println();
    out.printf(Locale.ROOT,
        "%-26s | %5s %5s %5s %6s %6s %7s %7s %6s | %5s %5s %5s %5s %6s %7s %7s%n", "setting",
        "det", "prec", "rec", "FPR", "early", "med h", "mean h", "false", "det", "prec", "rec",
        "FPR", "early", "med h", "mean h");
    for (Backtest.Result r : results) {
      Score a = r.radar();
      Score n = r.naive();
      out.printf(Locale.ROOT,
          "%-26s | %5d %5s %5s %6s %6s %7s %7s %6d | %5d %5s %5s %5s %6s %7s %7s%n",
          cut(r.setting().name(), 26), a.detected(), num(a.precision()), num(a.recall()),
          num3(a.falsePositiveRate()), num(a.earlyShare()), hours(a.medianLeadHours()),
          hours(a.meanLeadHours()), a.falseAlerts().size(), n.detected(), num(n.precision()),
          num(n.recall()), num3(n.falsePositiveRate()), num(n.earlyShare()),
          hours(n.medianLeadHours()), hours(n.meanLeadHours()));
    }
    out.println("(left: the job's alerts; right: the naive threshold on the same windows;"
        + " det = truth challenges flagged, rec = true positive rate, early = share flagged"
        + " before the peak, false = other tags flagged)");
  }

  private static Map<String, String[]> measures(Score a, Score n) {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("truth challenges detected", new String[] {a.detected() + "/" + a.rows().size(),
        n.detected() + "/" + n.rows().size()});
    m.put("false alerts (tags)", new String[] {"" + a.falseAlerts().size(),
        "" + n.falseAlerts().size()});
    m.put("precision", new String[] {num(a.precision()), num(n.precision())});
    m.put("recall = true positive rate", new String[] {num(a.recall()), num(n.recall())});
    m.put("false positive rate", new String[] {num3(a.falsePositiveRate()),
        num3(n.falsePositiveRate())});
    m.put("detected before the peak (share)", new String[] {num(a.earlyShare()),
        num(n.earlyShare())});
    m.put("median lead (h)", new String[] {hours(a.medianLeadHours()),
        hours(n.medianLeadHours())});
    m.put("mean lead (h)", new String[] {hours(a.meanLeadHours()), hours(n.meanLeadHours())});
    return m;
  }

  private static void printFalse(PrintStream out, String title, Score s) {
    List<String> shown = s.falseAlerts().stream().limit(FALSE_ALERTS_SHOWN)
        .map(f -> f.key() + " (" + f.flags() + ", " + f.firstStage() + " " + time(f.first())
            + ")").toList();
    out.println(title + ": " + s.falseAlerts().size()
        + (shown.isEmpty() ? "" : ": " + String.join(", ", shown))
        + (s.falseAlerts().size() > FALSE_ALERTS_SHOWN ? ", ..." : ""));
  }

  /** The first alert's evidence, when the detector attaches any. */
  private static String evidence(Score.Row row) {
    if (row.flags().isEmpty() || row.flags().get(0).evidence().isEmpty()) {
      return "";
    }
    return "  " + row.flags().get(0).evidence().entrySet().stream().limit(6)
        .map(e -> e.getKey() + "=" + value(e.getValue())).collect(Collectors.joining(" "));
  }

  /** The outcome as one JSON-ready object. */
  public static Map<String, Object> json(BacktestRun.Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", o.source());
    m.put("truth_source", o.truthSource());
    m.put("truth", o.truth().stream().map(e -> e.key().toString()).toList());
    List<Object> settings = new ArrayList<>();
    for (Backtest.Result r : o.results()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("setting", r.setting().name());
      s.put("window", r.setting().window().toString());
      s.put("baseline_windows", r.setting().baselineWindows());
      s.put("alerts", r.results().alertCount());
      s.put("elapsed_ms", r.elapsedMs());
      s.put("radar", json(r.radar()));
      s.put("naive", json(r.naive()));
      s.put("charts", r.charts().stream().map(Object::toString).toList());
      settings.add(s);
    }
    m.put("settings", settings);
    return m;
  }

  private static Map<String, Object> json(Score s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("detected", s.detected());
    m.put("truth", s.rows().size());
    m.put("precision", finite(s.precision()));
    m.put("recall", finite(s.recall()));
    m.put("true_positive_rate", finite(s.recall()));
    m.put("false_positive_rate", finite(s.falsePositiveRate()));
    m.put("detected_before_peak", finite(s.earlyShare()));
    m.put("median_lead_hours", finite(s.medianLeadHours()));
    m.put("mean_lead_hours", finite(s.meanLeadHours()));
    List<Object> rows = new ArrayList<>();
    for (Score.Row r : s.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", r.key().kind());
      row.put("tag", r.key().tag());
      row.put("detected", r.detected());
      row.put("first_detection", r.firstDetection() == null ? null : r.firstDetection().toString());
      row.put("first_stage", r.firstStage());
      row.put("peak_window_end", r.peakEnd() == null ? null : r.peakEnd().toString());
      row.put("peak_new_participants", r.peakNewParticipants());
      row.put("lead_hours", r.leadHours());
      row.put("flags", r.flags().size());
      if (!r.flags().isEmpty() && !r.flags().get(0).evidence().isEmpty()) {
        row.put("evidence", r.flags().get(0).evidence());
      }
      rows.add(row);
    }
    m.put("rows", rows);
    m.put("false_alerts", s.falseAlerts().stream().map(f -> Map.of("kind", f.key().kind(),
        "tag", f.key().tag(), "flags", f.flags(), "first", f.first().toString(),
        "first_stage", f.firstStage())).toList());
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  private static String lead(Double h) {
    return h == null ? "-" : String.format(Locale.ROOT, "%+.1f", h);
  }

  private static String hours(double h) {
    return Double.isFinite(h) ? String.format(Locale.ROOT, "%+.1f", h) : "-";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
  }

  private static String num3(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
  }

  private static String value(Object v) {
    return v instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : String.valueOf(v);
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }

}
