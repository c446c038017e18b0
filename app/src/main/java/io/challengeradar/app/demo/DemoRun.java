package io.challengeradar.app.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.app.config.Components;
import io.challengeradar.app.demo.AlertReport.ScenarioCheck;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.Origin;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.IndexTemplates;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.contract.TemplateOutcome;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.generator.Scenario;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.StateBackendSettings;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.enrich.Reenricher;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.flink.source.KafkaReplay;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.KafkaOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.RunningPlatform;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * The demo as a service: the platform on its embedded default (a real Elasticsearch, Kafka when
 * asked), the serving tier as its own process, a generated, imported or replayed stream through
 * the streaming pipeline on a local MiniCluster, every event applied to a video or dead-lettered,
 * and a summary whose counts are read back from Elasticsearch. {@link #start} brings the servers
 * up, {@link #run} goes through the steps once, {@link #close} stops what it started; in between
 * the servers stay up for whoever wants to look.
 */
public final class DemoRun implements AutoCloseable {

  /** What the demo empties before it runs: the pipeline's indices and the old direct path's. */
  private static final List<String> INDICES = Index.names(Index.values());

  private final DemoRequest request;
  private final PrintStream log;
  private final Path work;
  private final long startNanos;
  private final RunningPlatform platform;
  private RadarProcess serving;
  /** The serving tier's token, made per run: the tier checks it, the job and reenrich send it. */
  private final String servingToken = "demo-" + UUID.randomUUID();
  private RadarProcess api;
  private String apiKey;
  /** Set by the progress poll when the first alert is searchable; only that thread writes it. */
  private volatile Long firstAlertMs;

  /**
   * What one run produced, for the caller to print.
   *
   * @param summary the counts
   * @param alerts the alerts, oldest detection first
   * @param scenario the generator's truth; null for imported or replayed input
   * @param apiTable the query API's challenges with their likely participants; empty without it
   */
  public record Outcome(DemoSummary summary, List<PipelineResults.Alert> alerts, Scenario scenario,
      List<ApiReport.Row> apiTable) {}

  private DemoRun(DemoRequest request, PrintStream log, Path work, RunningPlatform platform,
      long startNanos) {
    this.request = request;
    this.log = log;
    this.work = work;
    this.platform = platform;
    this.startNanos = startNanos;
  }

  /**
   * Starts the platform under {@code home}'s demo folder with empty indices, then the serving tier
   * when asked; progress and server notices go to {@code log}.
   */
  public static DemoRun start(DemoRequest request, Path home, PrintStream log) throws IOException {
    long startNanos = System.nanoTime();
    Path work = Files.createDirectories(home.resolve("demo"));
    RunningPlatform platform = startPlatform(request, home, log);
    DemoRun run = new DemoRun(request, log, work, platform, startNanos);
    try {
      platform.client().indices().delete(d -> d.index(INDICES).ignoreUnavailable(true));
      replaceNewerTemplates(platform.client(), platform.templates(), log);
      if (request.withServing()) {
        run.startServing();
      }
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /**
   * Prepares the events, runs the pipeline over them, reads the results, asks the query API.
   * Once per start: a second run would find the query API already started.
   */
  public Outcome run() throws IOException, InterruptedException {
    DemoEvents events = DemoEvents.prepare(request.input(), work, log);
    URI servingUri = serving == null ? null : serving.baseUri();
    // Up before the pipeline, so the explorer shows the challenges rising while it runs.
    long apiStartMs = servingUri == null ? 0 : startApi();
    JobExecutionResult job = runPipeline(events, servingUri);
    DemoSummary.Enrichment enrichment = servingUri == null ? null : finishEnrichment(job);
    PipelineResults results = PipelineResults.read(platform.client());
    // The demo's own time: the query API's start and questions are not part of it.
    long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000 - apiStartMs;
    ScenarioCheck check = events.scenario() == null ? null
        : ScenarioCheck.of(events.scenario(), results.alertedHashtags());
    List<ApiReport.Row> apiTable =
        api == null ? List.of() : new ApiReport(api.baseUri(), apiKey).top(8, 3);
    DemoSummary summary = new DemoSummary(events.source(),
        request.kafka() ? platform.kafkaBootstrap().orElseThrow() : null,
        DemoSummary.Counts.of(events.lines(), events.rejected(), results), enrichment, check,
        api == null ? null : api.baseUri().toString(),
        api == null ? null : apiTable.stream().filter(r -> !r.likelyParticipants().isEmpty()).count(),
        request.parallelism(), platform.elasticsearchUrl(), elapsedMs,
        firstAlertMs != null || results.alertCount() == 0 ? firstAlertMs : Long.valueOf(elapsedMs));
    return new Outcome(summary, results.alerts(), events.scenario(), apiTable);
  }

  /** The servers still up, in words, for a user who keeps them running. */
  public String describeRunning() {
    return "Elasticsearch at " + platform.elasticsearchUrl()
        + (serving == null ? "" : ", the serving tier at " + serving.baseUri())
        + (api == null ? "" : ", the query API at " + api.baseUri() + "/v1/ and the explorer at "
            + api.baseUri() + "/ (key " + apiKey + ")");
  }

  /** Stops the query API, the serving tier and the platform, the reverse of their start. */
  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    if (serving != null) {
      serving.close();
    }
    platform.close();
  }

  /**
   * The demo keeps its own Elasticsearch data under the radar home's demo folder, apart from what
   * {@code radar up} serves, so that a demo never mixes with a user's data; its indices were just
   * deleted. Index templates a newer build left there (kept by the installer, which never
   * downgrades) would give this build's documents a mapping they may not fit, and Elasticsearch
   * would refuse them. They are put back as this build ships them, saying so. Returns the
   * templates replaced.
   */
  static List<String> replaceNewerTemplates(ElasticsearchClient client,
      List<TemplateOutcome> installed, PrintStream log) throws IOException {
    List<TemplateOutcome> newer = installed.stream()
        .filter(t -> t.action() == TemplateOutcome.Action.KEPT_NEWER).toList();
    if (newer.isEmpty()) {
      return List.of();
    }
    List<String> names = newer.stream().map(TemplateOutcome::name).toList();
    log.println("the demo's Elasticsearch held index templates of a newer build ("
        + String.join(", ", newer.stream().map(TemplateOutcome::describe).toList())
        + "): this build's are put back, over the emptied indices");
    client.indices().deleteIndexTemplate(d -> d.name(names));
    new TemplateInstaller(client).install(IndexTemplates.load().stream()
        .filter(t -> names.contains(t.name())).toList());
    return names;
  }

  public static PlatformOptions platformOptions(Path radarHome, int port) {
    Path demoHome = radarHome.resolve("demo");
    return PlatformOptions.defaults(demoHome)
        .withElasticsearch(ElasticsearchOptions.defaults(demoHome).withHttpPort(port));
  }

  private static RunningPlatform startPlatform(DemoRequest request, Path home, PrintStream log) {
    PlatformOptions options = platformOptions(home, request.ports().elasticsearch());
    if (request.kafka()) {
      options = options.withKafka(
          KafkaOptions.defaults(home.resolve("demo")).withPort(request.ports().kafka()));
    }
    RunningPlatform platform = LocalPlatform.start(options, log);
    platform.describe().forEach(log::println);
    return platform;
  }

  private void startServing() {
    int port = request.ports().serving();
    log.println("starting the serving tier on port " + port + " (log "
        + RadarProcess.logFile("serving") + ")");
    serving = RadarProcess.start("serving", port, List.of("serve", "--port", "" + port),
        "/health/ready", Map.of(CommonOptions.SERVING_TOKEN.envVar(), servingToken));
    log.println("serving tier ready at " + serving.baseUri());
  }

  /**
   * Runs the job on a local MiniCluster, over the file or, with Kafka, over the topics the file
   * is produced to first. The job's settings are the config file's and the environment's, with
   * where it reads and writes and the serving tier set by the demo.
   */
  private JobExecutionResult runPipeline(DemoEvents events, URI servingUri)
      throws IOException, InterruptedException {
    Config settings = demoSettings(jobSettings(request.config(), System.getenv()),
        platform.elasticsearchUrl(), work.resolve("checkpoints").toUri().toString(),
        request.parallelism(), servingUri);
    if (servingUri != null) {
      settings = settings.with(CommonOptions.SERVING_TOKEN, servingToken, "demo");
    }
    if (request.kafka()) {
      String bootstrap = platform.kafkaBootstrap().orElseThrow();
      KafkaReplay replay = new KafkaReplay(bootstrap, EventCodec.withDefaults());
      replay.recreateTopics();
      try (Progress progress = Progress.onStderr("produce", events.lines(), "events")) {
        replay.produce(events.file(), progress);
      }
      // A fresh group: the topics were just recreated, and an old group's offsets mean nothing.
      settings = settings.with(JobConfig.KAFKA, bootstrap, "demo --kafka")
          .with(JobConfig.GROUP_ID, "radar-demo-" + System.nanoTime(), "demo --kafka")
          .with(JobConfig.BOUNDED, true, "demo --kafka");
    } else {
      settings = settings.with(JobConfig.FILES, List.of(events.file().toString()), "demo");
    }
    RadarPipeline job = JobFactory.create(JobConfig.from(settings));
    return runWithProgress(job, platform.client(), events.lines());
  }

  /**
   * How long the demo holds a video's document for later changes before writing it (the job's
   * {@code sink.video.coalesce}, 0s by default): a post and its enrichment answer, which follows
   * within the enrichment's latency, and snapshots close together become one write, which
   * leaves Elasticsearch's share of the two cores to the encoder. A file or {@code RADAR_*}
   * setting still wins.
   */
  public static final Duration VIDEO_COALESCE = Duration.ofSeconds(2);

  /**
   * The job's settings as the demo runs it: {@code base} (file and environment) with the demo's
   * Elasticsearch, checkpoints, parallelism and, when it started one, serving tier; the source
   * is set by the caller (the events file, or the topics it was produced to). Unless set
   * otherwise, video writes are coalesced over {@link #VIDEO_COALESCE}.
   */
  public static Config demoSettings(Config base, String elasticsearch, String checkpoints,
      int parallelism, URI servingUri) {
    if (base.origin(ElasticsearchSinkOptions.VIDEO_COALESCE).layer() == Origin.Layer.DEFAULT) {
      base = base.with(ElasticsearchSinkOptions.VIDEO_COALESCE, VIDEO_COALESCE, "demo");
    }
    Config settings = StateBackendSettings.heapUnlessSet(base, "demo")
        .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(elasticsearch), "demo")
        .with(JobConfig.CHECKPOINTS, checkpoints, "demo")
        .with(JobConfig.PARALLELISM, parallelism, "--parallelism")
        .with(JobConfig.NAME, "radar-demo", "demo");
    return servingUri == null ? settings
        : settings.with(CommonOptions.SERVING_URL, servingUri, "demo");
  }

  /**
   * Progress is what Elasticsearch already accounts for, so the line shows records written, not
   * merely read.
   */
  private JobExecutionResult runWithProgress(RadarPipeline job, ElasticsearchClient client,
      long lines) throws InterruptedException {
    try (Progress progress = Progress.onStderr("pipeline", lines, "events")) {
      return LocalJob.run(job, "radar-demo", request.parallelism(), LocalJob.DEFAULT_POLL_INTERVAL,
          () -> {
            try {
              progress.advance(PipelineResults.inputAccountedFor(client) - progress.done());
              noteFirstAlert(client);
            } catch (IOException notYet) {
              // An index the sink just created has no shard to search for a moment; the line
              // stays where it was until the next poll. The final counts are read separately.
            }
          });
    }
  }

  /**
   * Records and prints, once, how long the run took to its first alert: what a user waits before
   * the demo shows what it is for.
   */
  private void noteFirstAlert(ElasticsearchClient client) throws IOException {
    if (firstAlertMs != null) {
      return;
    }
    long alerts = client.count(c -> c.index(Index.ALERTS.indexName()).ignoreUnavailable(true))
        .count();
    if (alerts > 0) {
      firstAlertMs = (System.nanoTime() - startNanos) / 1_000_000;
      log.printf(Locale.ROOT, "%nfirst alert after %.1f s%n", firstAlertMs / 1000.0);
    }
  }

  /**
   * After a replay, posts whose retries were still waiting when the input ended are enriched by
   * the same path as {@code radar reenrich}; then the counts are read back.
   */
  private DemoSummary.Enrichment finishEnrichment(JobExecutionResult job) throws IOException {
    Object waited = job.getAllAccumulatorResults().get("enrichment-pending");
    long enrichmentWaited = waited instanceof Number n ? n.longValue() : 0L;
    Long reenriched = null;
    PipelineResults.Enrichments counts = PipelineResults.enrichments(platform.client());
    if (counts.pendingEnrichment() > 0) {
      log.println(counts.pendingEnrichment() + " videos still pending after the replay;"
          + " enriching them as radar reenrich does");
      try (ServingClient client = new ServingClient(
              ClientOptions.of(serving.baseUri()).withToken(servingToken));
          Progress progress = Progress.onStderr("reenrich", counts.pendingEnrichment(), "videos")) {
        reenriched = new Reenricher(platform.client(), client, Reenricher.DEFAULT_BATCH)
            .run(Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)), progress).enriched();
      }
      counts = PipelineResults.enrichments(platform.client());
    }
    return new DemoSummary.Enrichment(enrichmentWaited, reenriched, counts.enrichedVideos(),
        counts.pendingEnrichment(), counts.embeddings(), counts.participationPredictions());
  }

  /**
   * Starts the query API as its own process with a fresh key, and says where to open the explorer
   * and which key to enter. Answers how long the start took, which is not the demo's own time.
   */
  private long startApi() throws IOException, InterruptedException {
    long began = System.nanoTime();
    apiKey = "demo-" + UUID.randomUUID();
    int port = request.ports().api();
    api = RadarProcess.start("api", port, List.of("api", "--port", "" + port,
        "--es", platform.elasticsearchUrl()), "/v1/health", Map.of("RADAR_API_KEYS", apiKey));
    log.println("explorer at " + api.baseUri() + "/ (open it in a browser and enter the key "
        + apiKey + "); query API at " + api.baseUri() + "/v1/ (X-API-Key: " + apiKey + ")");
    return (System.nanoTime() - began) / 1_000_000;
  }

  /**
   * The job's settings: defaults, {@code config}, the environment; the demo then sets where the
   * job reads and writes and the serving tier it started (shown as "set by demo").
   */
  public static Config jobSettings(Path config, Map<String, String> environment) {
    return JobConfig.loader().knownElsewhere(Components.others("job")).file(config)
        .environment(environment).load();
  }
}
