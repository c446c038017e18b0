package io.challengeradar.app;

import io.challengeradar.app.backtest.BacktestReport;
import io.challengeradar.app.backtest.BacktestRun;
import io.challengeradar.app.demo.DemoEvents;
import io.challengeradar.app.demo.DemoRequest;
import io.challengeradar.contract.TagKind;
import io.challengeradar.core.importer.ImportException;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.backtest.NaiveBaseline;
import io.challengeradar.flink.backtest.TagSeries;
import io.challengeradar.flink.backtest.TruthEntry;
import io.challengeradar.flink.backtest.TruthList;
import io.challengeradar.flink.backtest.TruthRule;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.RadarHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radar backtest}: its flags become a {@link BacktestRun}, which replays and scores; this
 * prints the table (or the JSON). {@code radar backtest truth} writes a truth list by the rule.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    subcommands = BacktestCommand.Truth.class,
    description = {
      "Replays data through the streaming job (the same job as radar pipeline and radar demo,"
          + " without the serving tier) into a local Elasticsearch, scores its alerts against a"
          + " truth list next to a naive threshold detector, prints the table and draws a chart"
          + " per truth challenge. See docs/detection.md.",
      "Without --data: the generator (--seed, --posts), scored against its scenario."
    })
public final class BacktestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data", description = "Real data to import (file or folder).")
  Path data;

  @Option(names = "--format", description = "The layout of --data: `ndjson` for canonical"
      + " events, an importer format (radar import --help), or `generator` for the generator.")
  String format;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default"
      + " ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--posts", defaultValue = "20000", description = "Generated posts (default"
      + " ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--truth", paramLabel = "FILE", description = "The truth list (CSV, see"
      + " docs/truth/). Default: the generator's scenario, or for real data the truth rule over"
      + " the data.")
  Path truth;

  @Mixin SettingsFlags settingsFlags = new SettingsFlags();

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the charts and the"
      + " events (default .radar/backtest/<run>/).")
  Path out;

  @Option(names = "--sweep", description = "Replay a small grid (windows of 1 h, 12 h, 1 d, each"
      + " with a 1-day and a 4-day baseline; recent span, warm-up and runs scaled to the window)"
      + " over --config/--set, one line per setting; no"
      + " charts.")
  boolean sweep;

  @Option(names = "--naive-threshold", defaultValue = "" + NaiveBaseline.DEFAULT_THRESHOLD,
      paramLabel = "N", description = "The naive detector flags a tag at its first window with"
      + " at least N new participants (default ${DEFAULT-VALUE}).")
  long naiveThreshold;

  @Option(names = "--port", defaultValue = "9200", description = "HTTP port of the local"
      + " Elasticsearch the backtest starts (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--es", paramLabel = "URL", description = "Use this Elasticsearch, already"
      + " up, instead of starting one. Its pipeline indices are emptied.")
  String es;

  @Option(names = "--parallelism", defaultValue = "" + LocalJob.DEFAULT_PARALLELISM,
      description = "Parallelism of the job (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    DemoRequest.Input input;
    NaiveBaseline naive;
    try {
      input = "generator".equals(format) && data == null
          ? new DemoRequest.Generated(seed, posts)
          : DemoRequest.Input.of(data, format, seed, posts);
      naive = new NaiveBaseline(naiveThreshold);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    var settings = settingsFlags.load(settingsFlags.loader("job")
        .flag(io.challengeradar.flink.JobConfig.PARALLELISM.key(), "" + parallelism,
            "--parallelism"));
    Path home = RadarHome.resolve();
    Path folder = out != null ? out : home.resolve("backtest").resolve(LocalDateTime
        .now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    BacktestRun run = new BacktestRun(input, truth, settings, sweep, naive, es, port, folder);
    BacktestRun.Outcome outcome;
    try {
      outcome = run.run(home, System.err);
    } catch (ImportException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("radar backtest: " + e.getMessage());
      return 1;
    }
    if (json) {
      System.out.println(ElasticsearchClients.mapper().writeValueAsString(
          BacktestReport.json(outcome)));
    } else {
      BacktestReport.print(System.out, outcome);
    }
    return 0;
  }

  /** {@code radar backtest truth}: the truth rule over a data set, written as a truth list. */
  @Command(name = "truth", mixinStandardHelpOptions = true, description = {
      "Makes a truth list from the data alone by the rule of docs/detection.md (\"Truth lists\"):"
          + " a tag whose daily share of new participants rises at least --rise-fold within"
          + " three days, with at least --min-authors new participants, not evergreen. Writes"
          + " the CSV with each entry's daily counts and prints the entries."})
  static final class Truth implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, description = "The data (file or folder).")
    Path data;

    @Option(names = "--format", required = true, description = "Its layout: an importer format"
        + " or `ndjson`.")
    String format;

    @Option(names = "--kind", defaultValue = "hashtag", description = "hashtag or sound"
        + " (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to"
        + " write.")
    Path out;

    @Option(names = "--rise", defaultValue = "" + TruthRule.DEFAULT_RISE, description = "Least"
        + " rise of the share over its earlier level (default ${DEFAULT-VALUE}).")
    double rise;

    @Option(names = "--min-authors", defaultValue = "" + TruthRule.DEFAULT_MIN_AUTHORS,
        description = "Least new participants over the three days (default"
            + " ${DEFAULT-VALUE}).")
    int minAuthors;

    @Override
    public Integer call() throws Exception {
      DemoRequest.Input input;
      TruthRule rule;
      try {
        if (TagKind.fromWire(kind).isEmpty()) {
          throw new IllegalArgumentException("--kind must be hashtag or sound, was " + kind);
        }
        input = DemoRequest.Input.of(data, format, 0, 1);
        rule = new TruthRule(rise, minAuthors);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      Path work = Files.createDirectories(RadarHome.resolve().resolve("backtest").resolve(
          "truth"));
      List<TruthEntry> entries;
      try {
        DemoEvents events = DemoEvents.prepare(input, work, System.err);
        entries = rule.apply(TagSeries.read(events.file(), Duration.ofDays(1)), kind);
      } catch (ImportException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("radar backtest truth: " + e.getMessage());
        return 1;
      }
      TruthList.write(out, List.of("radar backtest truth --data " + data + " --format " + format
          + " --kind " + kind + " --rise " + rise + " --min-authors " + minAuthors,
          "rule: docs/detection.md, \"Truth lists\""), entries);
      System.out.println(entries.size() + " " + kind + " entries -> " + out);
      for (TruthEntry e : entries) {
        System.out.printf(Locale.ROOT, "  %-36s burst %s  peak %s  authors %4d  rise %6.1f%n",
            e.key(), e.burstDay(), e.peakDay(), e.authors(), e.rise());
      }
      return 0;
    }
  }
}
