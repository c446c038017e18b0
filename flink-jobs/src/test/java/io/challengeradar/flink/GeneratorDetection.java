package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.Scenario;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.source.PipelineSources;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How the detector does on the generator, without Elasticsearch or the serving tier: generates
 * each seed's stream, runs the job on it at parallelism 2 into a collecting sink and scores the
 * hashtag alerts against the scenario. Run with the test classpath:
 * {@code java -cp ... io.challengeradar.flink.GeneratorDetection FROM TO POSTS [key=value ...]};
 * {@code ... GeneratorDetection file EVENTS [key=value ...]} lists the alerts of a replay instead.
 */
public final class GeneratorDetection {
  private GeneratorDetection() {}

  /** What one seed's alerts got right. */
  record Outcome(long seed, int challenges, int flagged, List<String> missed,
      List<String> ordinary, List<String> other, int repeats, Map<Stage, Integer> perStage,
      List<Double> leadHours) {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("file")) {
      replay(Path.of(args[1]), java.util.Arrays.copyOfRange(args, 2, args.length));
      return;
    }
    long from = Long.parseLong(args[0]);
    long to = Long.parseLong(args[1]);
    int posts = Integer.parseInt(args[2]);
    List<String> settings = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      settings.add(kv[0]);
      settings.add(kv[1]);
    }
    PipelineOptions options = ItPipelines.options(settings.toArray(new String[0]));
    int challenges = 0;
    int flagged = 0;
    int ordinary = 0;
    int repeats = 0;
    Map<Stage, Integer> stages = new HashMap<>();
    List<Double> leads = new ArrayList<>();
    for (long seed = from; seed <= to; seed++) {
      Outcome o = run(seed, posts, options);
      challenges += o.challenges();
      flagged += o.flagged();
      ordinary += o.ordinary().size();
      repeats += o.repeats();
      o.perStage().forEach((s, n) -> stages.merge(s, n, Integer::sum));
      leads.addAll(o.leadHours());
      System.out.printf(Locale.ROOT, "seed %d: %d/%d flagged missed=%s ordinary=%s other=%s"
              + " repeats=%d stages=%s leads=%s%n", seed, o.flagged(), o.challenges(), o.missed(),
          o.ordinary(), o.other(), o.repeats(), o.perStage(), o.leadHours());
    }
    leads.sort(null);
    System.out.printf(Locale.ROOT, "TOTAL recall %.3f (%d/%d) ordinary=%d repeats=%d stages=%s"
            + " median lead %.1f h%n", (double) flagged / challenges, flagged, challenges,
        ordinary, repeats, stages, leads.isEmpty() ? Double.NaN : leads.get(leads.size() / 2));
  }

  /**
   * {@code file EVENTS [key=value ...]}: the alerts of a replay of a canonical NDJSON file in
   * event-time order (an imported data set), one line each with its evidence.
   */
  static void replay(Path events, String[] keyValues) throws Exception {
    List<String> settings = new ArrayList<>();
    for (String kv : keyValues) {
      String[] parts = kv.split("=", 2);
      settings.add(parts[0]);
      settings.add(parts[1]);
    }
    CollectingSink<ChallengeAlert> alerts = new CollectingSink<>();
    CollectingSink<WindowStats> windows = new CollectingSink<>();
    RadarPipeline job = RadarPipeline.builder()
        .options(ItPipelines.options(settings.toArray(new String[0])))
        .sources(PipelineSources.files(List.of(events)))
        .outputs(s -> {
          s.alerts().sinkTo(alerts);
          if (Boolean.getBoolean("detection.windows")) {
            s.windows().sinkTo(windows);
          }
        }).build();
    job.execute(StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration()),
        "replay-detection");
    windows.records().stream().sorted(java.util.Comparator.comparing(WindowStats::windowStart))
        .forEach(w -> System.out.printf(Locale.ROOT, "  %s %s %s %s%n", w.kind().wire(),
            w.tag(), w.windowStart(), w.trend()));
    alerts.records().stream().sorted(java.util.Comparator.comparing(ChallengeAlert::detectedAt))
        .forEach(a -> System.out.printf(Locale.ROOT,
            "%s %-8s %-30s %-12s cycle=%d score=%.1f share=%.4f baseline=%.4f authors=%d%n",
            a.detectedAt(), a.kind().wire(), a.tag(), a.stage(), a.cycle(), a.evidence().score(),
            a.evidence().share(), a.evidence().baselineShare(), a.evidence().distinctAuthors()));
  }

  static Outcome run(long seed, int posts, PipelineOptions options) throws Exception {
    StreamGenerator generator = new StreamGenerator(GeneratorOptions.of(seed, posts));
    Scenario scenario = generator.scenario();
    Path file = Files.createTempFile("generated-" + seed, ".ndjson");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
        generator.writeTo(out, new io.challengeradar.core.util.Progress("generate", posts, "posts", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false));
      }
      CollectingSink<ChallengeAlert> alerts = new CollectingSink<>();
      CollectingSink<WindowStats> windows = new CollectingSink<>();
      RadarPipeline job = RadarPipeline.builder().options(options)
          .sources(PipelineSources.files(List.of(file)))
          .outputs(s -> {
            s.alerts().sinkTo(alerts);
            if (Boolean.getBoolean("detection.windows")) {
              s.windows().sinkTo(windows);
            }
          }).build();
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
      job.execute(env, "generator-detection-" + seed);
      for (Scenario.Challenge c : scenario.challenges()) {
        windows.records().stream()
            .filter(w -> w.kind() == TagKind.HASHTAG && w.tag().equals(c.tag()))
            .sorted(java.util.Comparator.comparing(WindowStats::windowStart))
            .forEach(w -> System.out.printf(Locale.ROOT,
                "  %s %s new=%d vol=%d share=%.3f recent=%.3f peak=%.3f base=%.4f lift=%.1f"
                    + " score=%.1f peakScore=%.1f%n", c.tag(), w.windowStart(),
                w.counts().newParticipants(), w.trend().windowVolume(), w.trend().share(),
                w.trend().recentShare(), w.trend().peakRecentShare(), w.trend().baselineShare(),
                w.trend().lift(), w.trend().score(), w.trend().peakScore()));
      }
      return score(seed, scenario, alerts.records());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static Outcome score(long seed, Scenario scenario, List<ChallengeAlert> alerts) {
    Map<String, ChallengeAlert> first = new HashMap<>();
    Map<String, Integer> perTransition = new HashMap<>();
    Map<Stage, Integer> perStage = new HashMap<>();
    TreeSet<String> other = new TreeSet<>();
    for (ChallengeAlert a : alerts) {
      if (a.kind() != TagKind.HASHTAG) {
        continue;
      }
      first.merge(a.tag(), a, (x, y) -> x.detectedAt().isBefore(y.detectedAt()) ? x : y);
      perTransition.merge(a.tag() + "/" + a.cycle() + "/" + a.stage(), 1, Integer::sum);
      perStage.merge(a.stage(), 1, Integer::sum);
      if (scenario.challenge(a.tag()) == null && !scenario.ordinaryTags().contains(a.tag())) {
        other.add(a.tag());
      }
    }
    List<String> missed = new ArrayList<>();
    List<Double> leads = new ArrayList<>();
    int flagged = 0;
    for (Scenario.Challenge c : scenario.challenges()) {
      ChallengeAlert a = first.get(c.tag());
      if (a == null) {
        missed.add(c.tag());
      } else {
        flagged++;
        leads.add(Duration.between(a.detectedAt(), c.peak()).toMinutes() / 60.0);
      }
    }
    if (Boolean.getBoolean("detection.alerts")) {
      // Each challenge's alerts in order: STAGE/cycle at the hours before (+) or after its peak.
      for (Scenario.Challenge c : scenario.challenges()) {
        StringBuilder line = new StringBuilder();
        alerts.stream().filter(a -> a.kind() == TagKind.HASHTAG && a.tag().equals(c.tag()))
            .sorted(java.util.Comparator.comparing(ChallengeAlert::detectedAt))
            .forEach(a -> line.append(String.format(Locale.ROOT, " %s/%d@%+.0fh", a.stage(),
                a.cycle(), Duration.between(a.detectedAt(), c.peak()).toMinutes() / 60.0)));
        System.out.printf(Locale.ROOT, "  seed %d %s:%s%n", seed, c.tag(), line);
      }
    }
    List<String> ordinary = scenario.ordinaryTags().stream().filter(first::containsKey).toList();
    int repeats = (int) perTransition.values().stream().filter(n -> n > 1).count();
    return new Outcome(seed, scenario.challenges().size(), flagged, missed, ordinary,
        List.copyOf(other), repeats, perStage, leads);
  }
}
