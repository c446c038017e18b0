package io.challengeradar.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.flink.PipelineOutputs;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.contract.IngestSettings;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.StateBackendSettings;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.RawRecord;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The streaming pipeline's throughput and latency, in one run against one Elasticsearch: the
 * job with discarding sinks (Flink alone), the job into Elasticsearch (end to end), the raw
 * bulk-indexing ceiling of {@link IngestBench}, and the event-to-searchable latency at half the
 * end-to-end rate.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Pipeline throughput (Flink alone, end to end into Elasticsearch, against the"
        + " raw bulk ceiling) and event-to-searchable latency at half the maximum rate.")
public final class PipelineBench implements Callable<Integer> {

  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--posts", defaultValue = "20000", description = "Generated posts (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of the job (default ${DEFAULT-VALUE}: per-core figures).")
  int parallelism;

  @Option(names = "--latency-seconds", defaultValue = "30", description = "How long the latency run feeds events (default ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--video-coalesce-ms", defaultValue = "0", description = "sink.video.coalesce of"
      + " the end-to-end runs, in ms: how long a video's document waits for later changes"
      + " (default ${DEFAULT-VALUE}: every change written at once).")
  long videoCoalesceMs;

  @Option(names = "--refresh-interval", defaultValue = "", description = "platform.index"
      + ".refresh-interval of the Elasticsearch it starts, e.g. 30s (default: the templates' 1s).")
  String refreshInterval;

  @Option(names = "--port", defaultValue = "19298", description = "Port of the Elasticsearch this benchmark starts (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--flink-only", description = "Measure Flink alone and stop (for profiling;"
      + " records nothing).")
  boolean flinkOnly;

  @Override
  public Integer call() throws Exception {
    int repeats = bench.repeats();
    Path home = RadarHome.resolve().resolve("bench");
    Path work = Files.createDirectories(home);
    Path events = work.resolve("bench-events.ndjson");
    long lines = BenchEvents.generateCounted(events, posts);
    String checkpoints = work.resolve("checkpoints").toUri().toString();
    double alone = Stats.medianRate("flink alone", repeats, () -> {
      RadarPipeline job = job(events, discarding(), checkpoints);
      return rate(lines, LocalJob.run(job, "bench-discarding", parallelism,
          LocalJob.DEFAULT_POLL_INTERVAL, () -> {}));
    });

    if (flinkOnly) {
      report(repeats, new Results(lines, alone, Double.NaN, Double.NaN, Double.NaN, Double.NaN))
          .finish(bench, false, System.out);
      return 0;
    }
    PlatformOptions options = PlatformOptions.defaults(home)
        .withElasticsearch(ElasticsearchOptions.defaults(home).withHttpPort(port))
        .withIngest(new IngestSettings(refreshInterval, null));
    double endToEnd;
    double ceiling;
    double[] latency;
    try (RunningPlatform platform = LocalPlatform.start(options, System.err)) {
      ElasticsearchClient client = platform.client();
      PipelineOutputs es = new ElasticsearchOutputs(ElasticsearchSinkOptions.from(
          Config.defaults(ElasticsearchSinkOptions.GROUP)
              .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(platform.elasticsearchUrl()),
                  "bench")
              .with(ElasticsearchSinkOptions.VIDEO_COALESCE,
                  java.time.Duration.ofMillis(videoCoalesceMs), "--video-coalesce-ms")));
      endToEnd = Stats.medianRate("end to end", repeats, () -> {
        reset(client);
        RadarPipeline job = job(events, es, checkpoints);
        JobExecutionResult result = LocalJob.run(job, "bench-elasticsearch", parallelism,
            LocalJob.DEFAULT_POLL_INTERVAL, () -> {});
        PipelineResults written = PipelineResults.read(client);
        long accounted = written.eventsApplied() + written.deadLettered();
        if (accounted != lines) {
          throw new IllegalStateException("end-to-end run accounted for " + accounted + " of "
              + lines + " events");
        }
        return rate(lines, result);
      });
      ceiling = Stats.medianRate("bulk ceiling", repeats, () -> {
        long start = System.nanoTime();
        long docs = IngestBench.indexAll(client, events, EventCodec.withDefaults(), 2);
        return docs / ((System.nanoTime() - start) / 1e9);
      });
      latency = latency(client, es, events, checkpoints, endToEnd / 2, lines);
    }

    report(repeats, new Results(lines, alone, endToEnd, ceiling, latency[0], latency[1]))
        .finish(bench, true, System.out);
    return 0;
  }

  /** What one run measured; with --flink-only, Flink alone and nothing else (NaN). */
  record Results(long lines, double alone, double endToEnd, double ceiling, double latencyP50,
      double latencyP99) {}

  /** The table of one run. */
  BenchReport report(int repeats, Results r) {
    BenchReport report = new BenchReport("Pipeline", "./radar bench pipeline --repeats " + repeats
        + " --posts " + posts + " --parallelism " + parallelism + (flinkOnly ? " --flink-only" : "")
        + (videoCoalesceMs == 0 ? "" : " --video-coalesce-ms " + videoCoalesceMs)
        + (refreshInterval == null || refreshInterval.isBlank() ? ""
            : " --refresh-interval " + refreshInterval));
    report.row("flink_alone", "Flink alone (discarding sinks)", r.alone(), "events/s",
        "parallelism " + parallelism + "; " + BenchReport.fmt(r.alone() / parallelism)
            + " per core used; aim >= 50,000 per core");
    if (flinkOnly) {
      return report;
    }
    report.row("end_to_end", "end to end into Elasticsearch", r.endToEnd(), "events/s",
        "parallelism " + parallelism + "; "
            + report.ratio("end_to_end_of_bulk_ceiling", r.endToEnd() / r.ceiling())
            + " of the bulk ceiling (aim >= 0.80)");
    report.row("bulk_ceiling", "bulk-indexing ceiling (radar bench ingest)", r.ceiling(),
        "docs/s", "same events as raw documents, 2 requests in flight");
    report.row("latency_p50_ms", "event-to-searchable latency p50", r.latencyP50(), "ms",
        "at " + BenchReport.fmt(r.endToEnd() / 2) + " events/s (half the end-to-end rate)");
    report.row("latency_p99_ms", "event-to-searchable latency p99", r.latencyP99(), "ms",
        "aim < 2,000 ms; one run of " + latencySeconds + " s");
    report.note("Generated stream, seed 42: " + posts + " posts, " + r.lines() + " events. Latency"
        + " counts an event searchable when Elasticsearch's count of events applied plus dead"
        + " letters reaches its position in the feed (polled every "
        + LATENCY_POLL.toMillis() + " ms).");
    return report;
  }

  static final Duration LATENCY_POLL = Duration.ofMillis(100);

  /**
   * The production job as the factory builds it at its defaults, with the benchmark's sources
   * (the replayed file, or the rate-limited feed of the latency run) and outputs.
   */
  private RadarPipeline job(Path events, PipelineOutputs outputs, String checkpoints) {
    return builder(events, outputs, checkpoints).build();
  }

  /** The job of each run, before a run swaps in its outputs or its feed. */
  public static RadarPipeline.Builder builder(Path events, PipelineOutputs outputs,
      String checkpoints) {
    Config settings = StateBackendSettings.heapUnlessSet(JobConfig.loader().load(),
            "radar bench pipeline")
        .with(JobConfig.FILES, List.of(events.toString()), "radar bench pipeline")
        .with(JobConfig.CHECKPOINTS, checkpoints, "radar bench pipeline");
    return JobFactory.builder(JobConfig.from(settings)).outputs(outputs);
  }

  private static PipelineOutputs discarding() {
    return s -> {
      s.videos().sinkTo(new DiscardingSink<>()).name("discard-videos");
      s.windows().sinkTo(new DiscardingSink<>()).name("discard-windows");
      s.alerts().sinkTo(new DiscardingSink<>()).name("discard-alerts");
      s.stages().sinkTo(new DiscardingSink<>()).name("discard-stages");
      s.deadLetters().sinkTo(new DiscardingSink<>()).name("discard-dead-letters");
    };
  }

  private static void reset(ElasticsearchClient client) throws IOException {
    client.indices().delete(d -> d.index(PipelineResults.INDICES).ignoreUnavailable(true));
  }

  /**
   * Feeds the events at {@code rate} for {@code latencySeconds} and returns p50 and p99 of the
   * time from each event's feeding to the moment Elasticsearch counts it.
   */
  private double[] latency(ElasticsearchClient client, PipelineOutputs es, Path events,
      String checkpoints, double rate, long lines) throws Exception {
    reset(client);
    int count = (int) Math.min(lines, (long) (rate * latencySeconds));
    RateFeed.FIRST_NANOS.set(0);
    DataGeneratorSource<RawRecord> feed = new DataGeneratorSource<>(
        new RateFeed(events.toString()), count, RateLimiterStrategy.perSecond(rate),
        TypeInformation.of(RawRecord.class));
    RadarPipeline job = builder(events, es, checkpoints).replaceSources(List.of(feed)).build();
    long[] searchableAt = new long[count];
    int[] seen = {0};
    LocalJob.run(job, "bench-latency", 1, LATENCY_POLL, () -> {
      try {
        long now = System.nanoTime();
        int n = (int) Math.min(count, PipelineResults.inputAccountedFor(client));
        for (int k = seen[0]; k < n; k++) {
          searchableAt[k] = now;
        }
        seen[0] = Math.max(seen[0], n);
      } catch (IOException notYet) {
        // An index just created has no shard to search for a moment: the next poll counts.
      }
    });
    // The job has finished; what the polls did not see became searchable at the end at latest.
    client.indices().refresh(r -> r.index(PipelineResults.INDICES).ignoreUnavailable(true));
    long end = System.nanoTime();
    for (int k = seen[0]; k < count; k++) {
      searchableAt[k] = end;
    }
    long first = RateFeed.FIRST_NANOS.get();
    double[] millis = new double[count];
    for (int k = 0; k < count; k++) {
      long fedAt = first + (long) (k * 1e9 / rate);
      millis[k] = Math.max(0, searchableAt[k] - fedAt) / 1e6;
    }
    Arrays.sort(millis);
    System.err.printf(Locale.ROOT, "latency: %d events at %.0f/s%n", count, rate);
    return new double[] {millis[count / 2], millis[(int) Math.min(count - 1, count * 0.99)]};
  }

  /**
   * Events per second of the job's own run time (from its start on the cluster to its end,
   * every write acknowledged), without the MiniCluster's start.
   */
  private static double rate(long events, JobExecutionResult result) {
    return events / (result.getNetRuntime(TimeUnit.MILLISECONDS) / 1e3);
  }

  /**
   * The k-th line of the events file as the k-th record of a rate-limited feed. Runs at
   * parallelism 1 in the bench's own JVM, which is how the first record's time reaches the bench.
   */
  static final class RateFeed implements GeneratorFunction<Long, RawRecord> {
    private static final long serialVersionUID = 1L;
    static final java.util.concurrent.atomic.AtomicLong FIRST_NANOS =
        new java.util.concurrent.atomic.AtomicLong();

    private final String file;
    private transient List<String> lines;

    RateFeed(String file) {
      this.file = file;
    }

    @Override
    public void open(SourceReaderContext context) throws IOException {
      lines = Files.readAllLines(Path.of(file));
    }

    @Override
    public RawRecord map(Long index) {
      FIRST_NANOS.compareAndSet(0, System.nanoTime());
      int k = index.intValue();
      return new RawRecord(lines.get(k).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          Origin.file(file, k + 1L));
    }
  }
}
