package io.challengeradar.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.challengeradar.app.demo.ApiReport;
import io.challengeradar.app.demo.RadarProcess;
import io.challengeradar.app.enrich.Reenricher;
import io.challengeradar.app.pipeline.AlertReport;
import io.challengeradar.app.pipeline.EventTimeOrder;
import io.challengeradar.app.pipeline.KafkaReplay;
import io.challengeradar.app.pipeline.LocalJob;
import io.challengeradar.app.pipeline.PipelineResults;
import io.challengeradar.contract.Index;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.generator.GenerationSummary;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.Scenario;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import io.challengeradar.app.config.Components;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.KafkaOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The platform on its embedded default: a real Elasticsearch, a generated (or imported) stream
 * replayed through the streaming pipeline on a local MiniCluster, every event applied to a video
 * or dead-lettered, and a summary whose counts are read back from Elasticsearch.
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

  /** What the demo empties before it runs: the pipeline's indices and the old direct path's. */
  private static final List<String> INDICES = Index.names(Index.values());

  /** --format value that replays canonical NDJSON as it is, without an importer. */
  static final String CANONICAL = "ndjson";

  @Spec CommandSpec spec;

  @Option(names = "--data", description = "Real data to import instead of generating (file or folder).")
  Path data;

  @Option(names = "--format", description = "The layout of --data: `ndjson` for canonical events, or an importer"
      + " format (see `radar import --help`).")
  String format;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--posts", defaultValue = "20000", description = "Generated posts (default ${DEFAULT-VALUE}).")
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
    PrintStream out = System.out;
    if ((data == null) != (format == null)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--data and --format go together: give both or neither");
    }
    long start = System.nanoTime();
    Path home = RadarHome.resolve();
    Path work = Files.createDirectories(home.resolve("demo"));
    PlatformOptions options = platformOptions(home, port);
    if (kafka) {
      options = options.withKafka(KafkaOptions.defaults(home.resolve("demo")).withPort(kafkaPort));
    }
    try (RunningPlatform platform = LocalPlatform.start(options, System.err);
        Services services = new Services()) {
      platform.describe().forEach(System.err::println);
      resetIndices(platform.client());
      if (!withoutServing) {
        System.err.println("starting the serving tier on port " + servingPort + " (log "
            + RadarProcess.logFile("serving") + ")");
        services.serving = RadarProcess.start("serving", servingPort,
            List.of("serve", "--port", "" + servingPort), "/health/ready", Map.of());
        System.err.println("serving tier ready at " + services.serving.baseUri());
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      long rejected = 0;
      Scenario scenario = null;
      Path events;
      if (data == null) {
        events = work.resolve("events.ndjson");
        GenerationSummary generated;
        StreamGenerator generator = new StreamGenerator(GeneratorOptions.of(seed, posts));
        scenario = generator.scenario();
        try (OutputStream o = Files.newOutputStream(events);
            Progress progress = Progress.onStderr("generate", posts, "posts")) {
          generated = generator.writeTo(o, progress);
        }
        System.err.println(generated.describe());
        summary.put("source", "generator seed " + seed + ", " + posts + " posts");
      } else if (CANONICAL.equals(format)) {
        events = data;
        summary.put("source", "replay " + data);
      } else {
        events = work.resolve("events.ndjson");
        Path rejects = work.resolve("events.ndjson.rejects.ndjson");
        int exit = new CommandLine(new ImportCommand()).execute("--format", format,
            "--in", data.toString(), "--out", events.toString(), "--rejects", rejects.toString());
        if (exit != 0) {
          return exit;
        }
        // The import writes one line per rejected row.
        rejected = lineCount(rejects);
        Path imported = events;
        events = work.resolve("events.sorted.ndjson");
        EventTimeOrder.sort(imported, events, EventCodec.withDefaults());
        summary.put("source", "import " + format + " " + data);
      }

      long lines = lineCount(events);
      URI servingUri = services.serving == null ? null : services.serving.baseUri();
      Config settings = jobSettings(config, System.getenv())
          .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(platform.elasticsearchUrl()), "demo")
          .with(JobConfig.CHECKPOINTS, work.resolve("checkpoints").toUri().toString(), "demo")
          .with(JobConfig.PARALLELISM, parallelism, "--parallelism")
          .with(JobConfig.NAME, "radar-demo", "demo");
      if (servingUri != null) {
        settings = settings.with(CommonOptions.SERVING_URL, servingUri, "demo");
      }
      if (kafka) {
        String bootstrap = platform.kafkaBootstrap().orElseThrow();
        KafkaReplay replay = new KafkaReplay(bootstrap, EventCodec.withDefaults());
        replay.recreateTopics();
        try (Progress progress = Progress.onStderr("produce", lines, "events")) {
          replay.produce(events, progress);
        }
        // A fresh group: the topics were just recreated, and an old group's offsets mean nothing.
        settings = settings.with(JobConfig.KAFKA, bootstrap, "demo --kafka")
            .with(JobConfig.GROUP_ID, "radar-demo-" + System.nanoTime(), "demo --kafka")
            .with(JobConfig.BOUNDED, true, "demo --kafka");
        summary.put("kafka", bootstrap);
      } else {
        settings = settings.with(JobConfig.FILES, List.of(events.toString()), "demo");
      }
      RadarPipeline job = JobFactory.create(JobConfig.from(settings));
      JobExecutionResult jobResult = runWithProgress(job, platform.client(), lines);
      PipelineResults.Enrichments enrichments = null;
      if (servingUri != null) {
        enrichments = finishEnrichment(platform, servingUri, jobResult, summary);
      }
      PipelineResults results = PipelineResults.read(platform.client());

      long inputEvents = lines + rejected;
      summary.put("input_events", inputEvents);
      summary.put("indexed", results.eventsApplied());
      summary.put("dead_lettered", results.deadLettered());
      summary.put("rejected", rejected);
      summary.put("documents_refused", results.documentsRefused());
      summary.put("videos", results.videos());
      summary.put("hashtag_windows", results.hashtagWindows());
      summary.put("sound_windows", results.soundWindows());
      summary.put("hashtags", results.hashtags());
      summary.put("alerts", results.alertCount());
      if (enrichments != null) {
        summary.put("enriched_videos", enrichments.enrichedVideos());
        summary.put("pending_enrichment", enrichments.pendingEnrichment());
        summary.put("participation_predictions", enrichments.participationPredictions());
      }
      summary.put("parallelism", (long) parallelism);
      summary.put("elasticsearch", platform.elasticsearchUrl());
      summary.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
      AlertReport.print(out, results.alerts(), scenario);
      if (scenario != null) {
        AlertReport.ScenarioCheck check =
            AlertReport.ScenarioCheck.of(scenario, results.alertedHashtags());
        AlertReport.print(out, check);
        summary.put("challenges_alerted", check.challengesAlerted());
        summary.put("challenges_missed", check.challengesMissed());
        summary.put("ordinary_alerted", check.ordinaryAlerted());
      }
      if (servingUri != null) {
        String key = "demo-" + java.util.UUID.randomUUID();
        services.api = RadarProcess.start("api", apiPort, List.of("api", "--port", "" + apiPort,
            "--es", platform.elasticsearchUrl()), "/v1/health", Map.of("RADAR_API_KEYS", key));
        summary.put("api", services.api.baseUri().toString());
        List<ApiReport.Row> top = new ApiReport(services.api.baseUri(), key).top(8, 3);
        ApiReport.print(out, services.api.baseUri(), top);
        summary.put("challenges_with_predictions",
            top.stream().filter(r -> !r.likelyParticipants().isEmpty()).count());
        System.err.println("query API at " + services.api.baseUri() + "/v1/ (X-API-Key: " + key
            + ")");
      }
      printTable(out, summary);
      if (summaryFile != null) {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(summaryFile.toFile(), summary);
        System.err.println("summary written to " + summaryFile);
      }
      long accounted = results.eventsApplied() + results.deadLettered() + rejected;
      if (accounted != inputEvents) {
        System.err.printf(Locale.ROOT,
            "demo: counts do not add up: %d input events, %d accounted for in Elasticsearch%n",
            inputEvents, accounted);
        return 1;
      }
      if (!untilDone) {
        System.err.println("Elasticsearch stays up at " + platform.elasticsearchUrl()
            + (services.serving == null ? "" : ", the serving tier at " + services.serving.baseUri()
                + ", the query API at " + services.api.baseUri())
            + "; press Ctrl-C to stop.");
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }

  /**
   * The demo keeps its own Elasticsearch data under the radar home's demo folder, apart from what
   * {@code radar up} serves, so that a demo never mixes with a user's data.
   */
  static PlatformOptions platformOptions(Path radarHome, int port) {
    Path demoHome = radarHome.resolve("demo");
    return PlatformOptions.defaults(demoHome)
        .withElasticsearch(ElasticsearchOptions.defaults(demoHome).withHttpPort(port));
  }

  /** Each demo starts from empty indices, so its counts describe this run alone. */
  private static void resetIndices(ElasticsearchClient client) throws IOException {
    client.indices().delete(d -> d.index(INDICES).ignoreUnavailable(true));
  }

  /** Lines in a file, counted as bytes so that invalid UTF-8 (a dead letter later) is no error. */
  private static long lineCount(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        NdjsonReader reader = new NdjsonReader(in, 1)) {
      long n = 0;
      while (reader.next() != null) {
        n++;
      }
      return n;
    }
  }

  /**
   * Runs the job on a local MiniCluster; progress is what Elasticsearch already accounts for,
   * so the line shows records written, not merely read.
   */
  private JobExecutionResult runWithProgress(RadarPipeline job, ElasticsearchClient client,
      long lines) throws InterruptedException {
    try (Progress progress = Progress.onStderr("pipeline", lines, "events")) {
      return LocalJob.run(job, "radar-demo", parallelism, LocalJob.DEFAULT_POLL_INTERVAL, () -> {
        try {
          progress.advance(PipelineResults.inputAccountedFor(client) - progress.done());
        } catch (IOException notYet) {
          // An index the sink just created has no shard to search for a moment; the line
          // stays where it was until the next poll. The final counts are read separately.
        }
      });
    }
  }

  /**
   * The job's settings: defaults, {@code --config}, the environment; the demo then sets where
   * the job reads and writes and the serving tier it started (shown as "set by demo").
   */
  static Config jobSettings(Path config, Map<String, String> environment) {
    return JobConfig.loader().knownElsewhere(Components.others("job")).file(config)
        .environment(environment).load();
  }

  /**
   * After a replay, posts whose retries were still waiting when the input ended are enriched by
   * the same path as {@code radar reenrich}; then the counts are read back.
   */
  private static PipelineResults.Enrichments finishEnrichment(RunningPlatform platform, URI serving,
      JobExecutionResult job, Map<String, Object> summary) throws IOException {
    Object waited = job.getAllAccumulatorResults().get("enrichment-pending");
    summary.put("enrichment_waited", waited instanceof Number n ? n.longValue() : 0L);
    PipelineResults.Enrichments counts = PipelineResults.enrichments(platform.client());
    if (counts.pendingEnrichment() > 0) {
      System.err.println(counts.pendingEnrichment() + " videos still pending after the replay;"
          + " enriching them as radar reenrich does");
      try (ServingClient client = new ServingClient(ClientOptions.of(serving));
          Progress progress = Progress.onStderr("reenrich", counts.pendingEnrichment(), "videos")) {
        Reenricher.Summary s = new Reenricher(platform.client(), client, Reenricher.DEFAULT_BATCH)
            .run(Instant.EPOCH, Instant.now().plus(java.time.Duration.ofDays(1)), progress);
        summary.put("reenriched", s.enriched());
      }
      counts = PipelineResults.enrichments(platform.client());
    }
    return counts;
  }

  /** The demo's own processes, stopped in reverse order of their start. */
  private static final class Services implements AutoCloseable {
    RadarProcess serving;
    RadarProcess api;

    @Override
    public void close() {
      if (api != null) {
        api.close();
      }
      if (serving != null) {
        serving.close();
      }
    }
  }

  private static void printTable(PrintStream out, Map<String, Object> summary) {
    out.println();
    out.println("Challenge Radar demo");
    out.println("-".repeat(44));
    summary.forEach((key, value) -> {
      if (value instanceof Map<?, ?> map) {
        out.printf(Locale.ROOT, "%-20s%n", key);
        map.forEach((k, v) -> out.printf(Locale.ROOT, "  %-18s %,22d%n", k, (Long) v));
      } else if (value instanceof List<?> list) {
        out.printf(Locale.ROOT, "%-20s %22s%n", key, list.size() + " " + list);
      } else if (value instanceof Long n) {
        out.printf(Locale.ROOT, "%-20s %,22d%n", key, n);
      } else {
        out.printf(Locale.ROOT, "%-20s %22s%n", key, value);
      }
    });
    out.println("-".repeat(44));
    out.println("indexed + dead_lettered + rejected = input_events (read from Elasticsearch)");
  }
}
