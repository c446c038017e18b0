package io.challengeradar.app.demo;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.results.PipelineResults.Alert;
import io.challengeradar.core.generator.Scenario;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The alerts per tag and stage as a table, and how they compare with a generator's truth. */
public final class AlertReport {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AlertReport() {}

  /**
   * What the alerts got right against the scenario: hashtags only, any stage counts as flagged.
   *
   * @param challengesAlerted challenge tags with at least one alert
   * @param challengesMissed challenge tags without any
   * @param ordinaryAlerted ordinary tags with at least one alert (false positives)
   */
  public record ScenarioCheck(
      List<String> challengesAlerted, List<String> challengesMissed, List<String> ordinaryAlerted) {

    public static ScenarioCheck of(Scenario scenario, List<String> alertedHashtags) {
      Set<String> alerted = new TreeSet<>(alertedHashtags);
      List<String> hit = new ArrayList<>();
      List<String> missed = new ArrayList<>();
      for (Scenario.Challenge c : scenario.challenges()) {
        (alerted.contains(c.tag()) ? hit : missed).add(c.tag());
      }
      List<String> wrong = scenario.ordinaryTags().stream().filter(alerted::contains).toList();
      return new ScenarioCheck(List.copyOf(hit), List.copyOf(missed), wrong);
    }

    public boolean perfect() {
      return challengesMissed.isEmpty() && ordinaryAlerted.isEmpty();
    }
  }

  /**
   * One row per tag with the first detection time of each stage and how often it fired; with a
   * scenario, a last column says whether the tag is a challenge or an ordinary tag.
   */
  public static void print(PrintStream out, List<Alert> alerts, Scenario scenario) {
    Map<String, Map<Stage, List<Alert>>> byTag = new LinkedHashMap<>();
    for (Alert a : alerts) {
      byTag.computeIfAbsent(a.kind() + ":" + a.tag(), k -> new EnumMap<>(Stage.class))
          .computeIfAbsent(Stage.valueOf(a.stage()), k -> new ArrayList<>()).add(a);
    }
    out.println();
    out.printf(Locale.ROOT, "Alerts per tag and stage (first detection, UTC; xN = N alerts)%n");
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-34s", "tag"));
    for (Stage s : Stage.values()) {
      header.append(String.format(Locale.ROOT, " %-18s", s.name()));
    }
    if (scenario != null) {
      header.append(" truth");
    }
    out.println(header);
    if (byTag.isEmpty()) {
      out.println("  (no alerts)");
    }
    byTag.forEach((tag, stages) -> {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-34s", tag));
      for (Stage s : Stage.values()) {
        List<Alert> fired = stages.get(s);
        String cell = fired == null ? "-" : WHEN.format(fired.get(0).detectedAt())
            + (fired.size() > 1 ? " x" + fired.size() : "");
        row.append(String.format(Locale.ROOT, " %-18s", cell));
      }
      if (scenario != null) {
        String name = tag.substring(tag.indexOf(':') + 1);
        row.append(scenario.challenge(name) != null ? " challenge"
            : scenario.ordinaryTags().contains(name) ? " ordinary" : " -");
      }
      out.println(row);
    });
  }

  /**
   * The closing table: one line per challenge (a tag with at least one alert) with its current
   * stage (its newest alert's, in its latest cycle) and that alert's evidence: score, share of
   * the window volume against the baseline share, distinct new authors. Strongest score first.
   */
  public static void printChallenges(PrintStream out, List<Alert> alerts) {
    Map<String, Alert> current = new LinkedHashMap<>();
    for (Alert a : alerts) {
      current.merge(a.kind() + ":" + a.tag(), a, (was, now) ->
          now.cycle() > was.cycle() || (now.cycle() == was.cycle()
              && !now.detectedAt().isBefore(was.detectedAt())) ? now : was);
    }
    List<Map.Entry<String, Alert>> rows = new ArrayList<>(current.entrySet());
    rows.sort(Map.Entry.<String, Alert>comparingByValue(
        java.util.Comparator.comparingDouble(Alert::score)).reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    out.println();
    out.printf(Locale.ROOT, "Challenges: current stage and its evidence (share of the window's new"
        + " participants vs the tag's baseline share)%n");
    out.printf(Locale.ROOT, "%-34s %-12s %5s %-11s %7s %9s %9s %7s%n", "tag", "stage", "cycle",
        "since (UTC)", "score", "share", "baseline", "authors");
    if (rows.isEmpty()) {
      out.println("  (no challenges)");
    }
    for (Map.Entry<String, Alert> e : rows) {
      Alert a = e.getValue();
      out.printf(Locale.ROOT, "%-34s %-12s %5d %-11s %7.1f %8.2f%% %8.3f%% %7d%n", e.getKey(),
          a.stage(), a.cycle(), WHEN.format(a.detectedAt()), a.score(), 100 * a.share(),
          100 * a.baselineShare(), a.distinctAuthors());
    }
  }

  public static void print(PrintStream out, ScenarioCheck check) {
    out.printf(Locale.ROOT, "Scenario: %d of %d challenge hashtags alerted%s; %d ordinary hashtags"
            + " alerted%s%n",
        check.challengesAlerted().size(),
        check.challengesAlerted().size() + check.challengesMissed().size(),
        check.challengesMissed().isEmpty() ? "" : " (missed: " + check.challengesMissed() + ")",
        check.ordinaryAlerted().size(),
        check.ordinaryAlerted().isEmpty() ? "" : " " + check.ordinaryAlerted());
  }
}
