package io.challengeradar.app;

import io.challengeradar.app.demo.AlertReport;
import io.challengeradar.app.demo.ApiReport;
import io.challengeradar.app.demo.DemoRequest;
import io.challengeradar.app.demo.DemoRun;
import io.challengeradar.app.demo.DemoSummary;
import io.challengeradar.contract.Index;
import io.challengeradar.core.importer.ImportException;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.infra.RadarHome;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radar demo}: its flags become a {@link DemoRequest}, {@link DemoRun} does the work, and
 * this prints what it returns.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a real Elasticsearch and the serving tier, generates a realistic event stream (or imports real data with"
          + " --data/--format), runs the streaming pipeline over it on a local Flink MiniCluster,"
          + " enriching each new post through the serving tier, then starts the query API and prints the alerts,"
          + " the likeliest participants of each challenge and a summary whose counts add up.",
      "Without --until-done the platform stays up until Ctrl-C."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data", description = "Real data to import instead of generating (file or folder).")
  Path data;

  @Option(names = "--format", description = "The layout of --data: `ndjson` for canonical events, or an importer"
      + " format (see `radar import --help`).")
  String format;

  // Seed 3 at 4,000 posts flags all 8 of its challenges and no ordinary tag with the job's
  // defaults (GeneratorDetection 3 3 4000), in 0.4 of the posts seed 42 needs for its 8.
  @Option(names = "--seed", defaultValue = "3", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--posts", defaultValue = "4000", description = "Generated posts (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--port", defaultValue = "9200", description = "Elasticsearch HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--config", description = "The job's settings file (see"
      + " docs/config/job.properties); the environment's RADAR_* settings apply too.")
  Path config;

  @Option(names = "--parallelism", defaultValue = "" + LocalJob.DEFAULT_PARALLELISM,
      description = "Parallelism of the pipeline job (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--kafka", description = "Go through a local Kafka broker: produce the events to"
      + " radar.posts and radar.engagement, and run the job on a bounded Kafka source.")
  boolean kafka;

  @Option(names = "--kafka-port", defaultValue = "19092", description = "Port of the local broker with"
      + " --kafka (default ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--serving-port", defaultValue = "8081", description = "Port of the serving tier the"
      + " demo starts as its own process (default ${DEFAULT-VALUE}).")
  int servingPort;

  @Option(names = "--api-port", defaultValue = "8080", description = "Port of the query API the demo"
      + " starts as its own process (default ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(names = "--without-serving", description = "Run the pipeline alone: no serving tier, so no"
      + " enrichment, risk or participation predictions, and no query API.")
  boolean withoutServing;

  @Option(names = "--until-done", description = "Stop everything and exit once the demo has run.")
  boolean untilDone;

  @Option(names = "--summary", description = "Also write the summary as JSON to this file.")
  Path summaryFile;

  @Override
  public Integer call() throws Exception {
    DemoRequest request;
    try {
      request = new DemoRequest(DemoRequest.Input.of(data, format, seed, posts),
          new DemoRequest.Ports(port, kafkaPort, servingPort, apiPort), kafka, !withoutServing,
          parallelism, config);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintStream out = System.out;
    try (DemoRun run = DemoRun.start(request, RadarHome.resolve(), System.err)) {
      DemoRun.Outcome outcome;
      try {
        outcome = run.run();
      } catch (ImportException e) {
        System.err.println("radar demo: " + e.getMessage());
        return 1;
      }
      DemoSummary summary = outcome.summary();
      AlertReport.print(out, outcome.alerts(), outcome.scenario());
      AlertReport.printChallenges(out, outcome.alerts());
      if (summary.scenario() != null) {
        AlertReport.print(out, summary.scenario());
      }
      if (summary.api() != null) {
        ApiReport.print(out, URI.create(summary.api()), outcome.apiTable());
      }
      printTable(out, summary);
      if (summaryFile != null) {
        summary.writeJson(summaryFile);
        System.err.println("summary written to " + summaryFile);
      }
      if (summary.counts().documentsRefused() > 0) {
        System.err.printf(Locale.ROOT, "demo: Elasticsearch refused %,d documents the job wrote;"
            + " each is in %s with Elasticsearch's reason (origin kind document)%n",
            summary.counts().documentsRefused(), Index.DEADLETTER.indexName());
      }
      if (!summary.countsAddUp()) {
        DemoSummary.Counts c = summary.counts();
        System.err.printf(Locale.ROOT,
            "demo: counts do not add up: %d input events, %d accounted for in Elasticsearch%n",
            c.inputEvents(), c.accountedFor());
        return 1;
      }
      if (!untilDone) {
        System.err.println(run.describeRunning() + " stay up; press Ctrl-C to stop.");
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }

  private static void printTable(PrintStream out, DemoSummary summary) {
    out.println();
    out.println("Challenge Radar demo");
    out.println("-".repeat(44));
    summary.toMap().forEach((key, value) -> {
      if (value instanceof List<?> list) {
        out.printf(Locale.ROOT, "%-20s %22s%n", key, list.size() + " " + list);
      } else if (value instanceof Number n) {
        out.printf(Locale.ROOT, "%-20s %,22d%n", key, n.longValue());
      } else {
        out.printf(Locale.ROOT, "%-20s %22s%n", key, value);
      }
    });
    out.println("-".repeat(44));
    out.println("indexed + dead_lettered + rejected = input_events (read from Elasticsearch)");
  }
}
