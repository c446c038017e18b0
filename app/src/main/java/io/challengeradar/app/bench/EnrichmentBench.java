package io.challengeradar.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.app.demo.RadarProcess;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.StateBackendSettings;
import io.challengeradar.flink.PipelineOutputs;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.enrich.EnrichmentOptions;
import io.challengeradar.flink.enrich.EnrichmentWire;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.intel.IntelligenceOptions;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code radar bench enrichment}: what enrichment through the serving tier costs the pipeline, in
 * one run: events/s end to end with enrichment (and the challenge intelligence on it) against
 * without, and the serving tier's own enrichment ceiling, which names the bottleneck when the
 * ratio falls short.
 */
@Command(
    name = "enrichment",
    mixinStandardHelpOptions = true,
    description = {
      "Events/s through the whole job into Elasticsearch with enrichment through the serving tier"
          + " (its own process) against without, and the serving tier's ceiling: posts/s of"
          + " POST /v1/enrich called directly with as many requests in flight as the job keeps."
    })
public final class EnrichmentBench implements Callable<Integer> {

  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--posts", defaultValue = "5000", description = "Generated posts (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of the job (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--port", defaultValue = "19299", description = "Port of the Elasticsearch this benchmark starts (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--posts-per-call", defaultValue = "16", description = "Posts per /v1/enrich call for the batched serving ceiling (default ${DEFAULT-VALUE}, as the job sends them).")
  int postsPerCall;

  @Option(names = "--serving-only", description = "Measure only the serving ceilings, not the job (implies --no-record).")
  boolean servingOnly;

  @Override
  public Integer call() throws Exception {
    int repeats = bench.repeats();
    Path work = Files.createDirectories(RadarHome.resolve().resolve("bench"));
    Path events = work.resolve("bench-enrichment-events.ndjson");
    long lines = BenchEvents.generateCounted(events, posts);
    String checkpoints = work.resolve("checkpoints").toUri().toString();
    PlatformOptions options = PlatformOptions.defaults(work)
        .withElasticsearch(ElasticsearchOptions.defaults(work).withHttpPort(port));
    double without;
    double with;
    double unbatched;
    double ceiling;
    double batchedCeiling;
    int inFlight = PipelineOptions.defaults().enrichment().capacity() * parallelism;
    int servingPort = Ports.anyFree();
    try (RunningPlatform platform = LocalPlatform.start(options, System.err);
        RadarProcess serving = RadarProcess.start("serving", servingPort,
            List.of("serve", "--port", "" + servingPort), "/health/ready", Map.of())) {
      ElasticsearchClient client = platform.client();
      ElasticsearchOutputs es = new ElasticsearchOutputs(
          ElasticsearchSinkOptions.defaults(List.of(platform.elasticsearchUrl())));
      URI servingUri = serving.baseUri();
      if (servingOnly) {
        without = Double.NaN;
        with = Double.NaN;
        unbatched = Double.NaN;
      } else {
        without = Stats.medianRate("without enrichment", repeats, () -> run(client, es, events, checkpoints, lines,
            null, 1));
        // The baseline in the same run: each post in a call of its own, as before batching.
        double[] rates = alternating(
            List.of("with enrichment", "with enrichment, 1 post per call"),
            List.of(() -> run(client, es, events, checkpoints, lines, servingUri,
                    PipelineOptions.defaults().enrichment().batchSize()),
                () -> run(client, es, events, checkpoints, lines, servingUri, 1)));
        with = rates[0];
        unbatched = rates[1];
      }
      // As many posts in flight as one post per call keeps, in fewer, larger calls.
      int calls = Math.max(1, inFlight / postsPerCall);
      double[] ceilings = alternating(
          List.of("serving ceiling, 1 post per call",
              "serving ceiling, " + postsPerCall + " posts per call"),
          List.of(() -> servingCeiling(servingUri, events, 1, inFlight),
              () -> servingCeiling(servingUri, events, postsPerCall, calls)));
      ceiling = ceilings[0];
      batchedCeiling = ceilings[1];
    }
    report(repeats, new Results(lines, without, with, unbatched, ceiling, batchedCeiling))
        .finish(bench, !servingOnly, System.out);
    return 0;
  }

  /** What one run measured; with --serving-only, the job's rates are NaN. */
  record Results(long lines, double without, double with, double unbatched, double ceiling,
      double batchedCeiling) {}

  /** The table of one run. */
  BenchReport report(int repeats, Results r) {
    BenchReport report = new BenchReport("Enrichment", "./radar bench enrichment --repeats "
        + repeats + " --posts " + posts + " --parallelism " + parallelism
        + (servingOnly ? " --serving-only" : ""));
    double eventsPerPost = (double) r.lines() / posts;
    int inFlight = PipelineOptions.defaults().enrichment().capacity() * parallelism;
    if (!servingOnly) {
      report.row("without_enrichment", "end to end, without enrichment", r.without(), "events/s",
          "parallelism " + parallelism);
      report.row("with_enrichment", "end to end, with enrichment", r.with(), "events/s",
          report.ratio("with_of_without", r.with() / r.without())
              + " of without (aim >= 0.70); embeddings, virality,"
              + " claims, risk and participation rounds on; "
              + PipelineOptions.defaults().enrichment().batchSize() + " posts per call");
      report.row("with_enrichment_unbatched", "end to end, with enrichment, unbatched",
          r.unbatched(), "events/s",
          report.ratio("unbatched_of_without", r.unbatched() / r.without())
              + " of without; 1 post per call");
    }
    report.row("serving_ceiling", "serving ceiling (POST /v1/enrich)", r.ceiling(), "posts/s",
        "one post per call (as the job's retries, and its first attempt before batching), "
            + inFlight + " in flight; = " + BenchReport.fmt(r.ceiling() * eventsPerPost)
            + " events/s at this stream's " + String.format(Locale.ROOT, "%.1f", eventsPerPost)
            + " events per post");
    report.row("serving_ceiling_batched", "serving ceiling, batched calls", r.batchedCeiling(),
        "posts/s", postsPerCall + " posts per call, " + Math.max(1, inFlight / postsPerCall)
            + " calls in flight; = " + BenchReport.fmt(r.batchedCeiling() * eventsPerPost)
            + " events/s");
    EnrichmentOptions sent = PipelineOptions.defaults().enrichment();
    report.note("Generated stream, seed 42: " + posts + " posts, " + r.lines() + " events. The"
        + " serving tier runs as its own process (`radar serve`, MiniLM on ONNX Runtime, CPU) on"
        + " the same machine as the job and Elasticsearch. The job sends up to "
        + sent.batchSize() + " posts per call (waiting at most " + sent.batchDelay().toMillis()
        + " ms to fill one)."
        + (servingOnly ? "" : " " + bottleneck(report, r.with(), r.without(),
            r.batchedCeiling() * eventsPerPost)));
    return report;
  }

  /**
   * The production job at its defaults over {@code events}, enriching through {@code serving}
   * ({@code perCall} posts per call) when it is given, writing to {@code es}.
   */
  public static RadarPipeline job(Path events, String checkpoints, URI serving, int perCall,
      PipelineOutputs es) {
    Config settings = StateBackendSettings.heapUnlessSet(JobConfig.loader().load(),
            "radar bench enrichment")
        .with(JobConfig.FILES, List.of(events.toString()), "radar bench enrichment")
        .with(JobConfig.CHECKPOINTS, checkpoints, "radar bench enrichment")
        .with(EnrichmentOptions.BATCH_SIZE, perCall, "--posts-per-call");
    if (serving != null) {
      settings = settings.with(CommonOptions.SERVING_URL, serving, "radar bench enrichment");
    }
    return JobFactory.builder(JobConfig.from(settings)).outputs(es).build();
  }

  private double run(ElasticsearchClient client, ElasticsearchOutputs es, Path events,
      String checkpoints, long lines, URI serving, int perCall) throws Exception {
    client.indices().delete(d -> d.index(PipelineResults.INDICES).ignoreUnavailable(true));
    RadarPipeline job = job(events, checkpoints, serving, perCall, es);
    long start = System.nanoTime();
    LocalJob.run(job, "bench-enrichment", parallelism, LocalJob.DEFAULT_POLL_INTERVAL, () -> {});
    double seconds = (System.nanoTime() - start) / 1e9;
    PipelineResults written = PipelineResults.read(client);
    if (written.eventsApplied() + written.deadLettered() != lines) {
      throw new IllegalStateException("run accounted for " + (written.eventsApplied()
          + written.deadLettered()) + " of " + lines + " events");
    }
    return lines / seconds;
  }

  /**
   * Every post of the stream through POST /v1/enrich, {@code perCall} posts per call, {@code
   * calls} calls in flight at once.
   */
  private static double servingCeiling(URI serving, Path events, int perCall, int calls)
      throws Exception {
    EventCodec codec = EventCodec.withDefaults();
    List<Wire.EnrichPost> requests = new ArrayList<>();
    try (var all = Files.lines(events)) {
      for (String line : (Iterable<String>) all::iterator) {
        Event e = codec.decode(line);
        if (e instanceof Post p) {
          requests.add(EnrichmentWire.request(p));
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try (ServingClient client = new ServingClient(
        ClientOptions.of(serving).withMaxBatch(Math.max(perCall, 1)))) {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int from = 0; from < requests.size(); from += perCall) {
        List<Wire.EnrichPost> call =
            requests.subList(from, Math.min(requests.size(), from + perCall));
        done.add(pool.submit(() -> client.enrich(call)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return requests.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Names what holds the with-enrichment rate back: the serving tier when the job reaches most of
   * what the serving tier can answer on its own, the job and Elasticsearch otherwise. The ratios
   * it prints go into {@code report}.
   */
  static String bottleneck(BenchReport report, double with, double without,
      double servingEventsPerSecond) {
    double ofCeiling = with / servingEventsPerSecond;
    if (with >= 0.7 * without) {
      return "With enrichment the job keeps " + BenchReport.ratio(with / without)
          + " of its rate without: no bottleneck beyond the aim.";
    }
    if (ofCeiling >= 0.7) {
      return "Bottleneck: the serving tier. With enrichment the job reaches "
          + report.ratio("with_of_batched_serving_ceiling", ofCeiling)
          + " of the batched serving ceiling (the encoder's CPU,"
          + " shared with the job and Elasticsearch), which is itself "
          + report.ratio("batched_serving_ceiling_of_without", servingEventsPerSecond / without)
          + " of the rate without.";
    }
    return "Bottleneck: not the serving tier alone. With enrichment the job reaches only "
        + report.ratio("with_of_batched_serving_ceiling", ofCeiling)
        + " of the batched serving ceiling: the serving tier's"
        + " CPU is shared with the job and Elasticsearch, which write every video twice (post, then"
        + " enrichment with its 384-d vector) while the encoder runs.";
  }

  /**
   * Medians of runs compared with each other, taken in turns (a, b, a, b...) after one warm-up
   * of the first: on a shared machine the load drifts, and back-to-back blocks would give one of
   * them the quieter minutes.
   */
  private double[] alternating(List<String> what, List<Stats.RateRun> runs) throws Exception {
    int repeats = bench.repeats();
    runs.get(0).once();
    double[][] rates = new double[runs.size()][repeats];
    for (int i = 0; i < repeats; i++) {
      for (int r = 0; r < runs.size(); r++) {
        rates[r][i] = runs.get(r).once();
        System.err.printf(Locale.ROOT, "%s: run %d/%d %,.0f/s%n", what.get(r), i + 1, repeats,
            rates[r][i]);
      }
    }
    double[] medians = new double[runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      medians[r] = Stats.median(rates[r]);
    }
    return medians;
  }

}
