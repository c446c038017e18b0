package io.challengeradar.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.app.demo.RadarProcess;
import io.challengeradar.app.pipeline.LocalJob;
import io.challengeradar.app.pipeline.PipelineResults;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.RadarPipeline;
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
import io.challengeradar.serving.api.Wire;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.io.IOException;
import java.io.OutputStream;
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

  @Option(names = "--repeats", defaultValue = "3", description = "Runs per measure (default ${DEFAULT-VALUE}); the median is reported.")
  int repeats;

  @Option(names = "--posts", defaultValue = "5000", description = "Generated posts (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of the job (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--port", defaultValue = "19299", description = "Port of the Elasticsearch this benchmark starts (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-record", description = "Do not append the results to docs/benchmarks.md.")
  boolean noRecord;

  @Override
  public Integer call() throws Exception {
    Path root = RadarHome.projectRoot();
    Path work = Files.createDirectories(RadarHome.resolve().resolve("bench"));
    Path events = work.resolve("bench-enrichment-events.ndjson");
    try (OutputStream out = Files.newOutputStream(events)) {
      new StreamGenerator(GeneratorOptions.of(42, posts)).writeTo(out, Progress.silent());
    }
    long lines;
    try (var all = Files.lines(events)) {
      lines = all.count();
    }
    String checkpoints = work.resolve("checkpoints").toUri().toString();
    BenchReport report = new BenchReport("Enrichment", "./radar bench enrichment --repeats "
        + repeats + " --posts " + posts + " --parallelism " + parallelism);
    PlatformOptions options = PlatformOptions.defaults(work)
        .withElasticsearch(ElasticsearchOptions.defaults(work).withHttpPort(port));
    double without;
    double with;
    double ceiling;
    int servingPort = Ports.anyFree();
    try (RunningPlatform platform = LocalPlatform.start(options, System.err);
        RadarProcess serving = RadarProcess.start("serving", servingPort,
            List.of("serve", "--port", "" + servingPort), "/health/ready", work.resolve("logs"),
            Map.of())) {
      ElasticsearchClient client = platform.client();
      ElasticsearchOutputs es = new ElasticsearchOutputs(
          ElasticsearchSinkOptions.defaults(List.of(platform.elasticsearchUrl())));
      URI servingUri = serving.baseUri();
      without = Stats.medianRate("without enrichment", repeats, () -> run(client, es, events, checkpoints, lines,
          null));
      with = Stats.medianRate("with enrichment", repeats, () -> run(client, es, events, checkpoints, lines,
          servingUri));
      int inFlight = PipelineOptions.defaults().enrichment().capacity() * parallelism;
      ceiling = Stats.medianRate("serving ceiling", repeats, () -> servingCeiling(servingUri, events, inFlight));
    }
    double eventsPerPost = (double) lines / posts;
    report.row("end to end, without enrichment", BenchReport.fmt(without), "events/s",
        "parallelism " + parallelism);
    report.row("end to end, with enrichment", BenchReport.fmt(with), "events/s",
        BenchReport.ratio(with / without) + " of without (aim >= 0.70); embeddings, virality,"
            + " claims, risk and participation rounds on");
    report.row("serving ceiling (POST /v1/enrich)", BenchReport.fmt(ceiling), "posts/s",
        "one post per call, as the job sends them, "
            + PipelineOptions.defaults().enrichment().capacity() * parallelism
            + " in flight; = " + BenchReport.fmt(ceiling * eventsPerPost)
            + " events/s at this stream's " + String.format(Locale.ROOT, "%.1f", eventsPerPost)
            + " events per post");
    report.note("Generated stream, seed 42: " + posts + " posts, " + lines + " events. The serving"
        + " tier runs as its own process (`radar serve`, MiniLM on ONNX Runtime, CPU) on the same"
        + " machine as the job and Elasticsearch. When the with-enrichment rate sits near the"
        + " serving ceiling in events/s, the text encoder is the bottleneck.");
    report.print(System.out);
    if (!noRecord) {
      Path doc = root.resolve("docs/benchmarks.md");
      report.appendTo(doc, "Enrichment");
      System.err.println("recorded in " + doc);
    }
    return 0;
  }

  private double run(ElasticsearchClient client, ElasticsearchOutputs es, Path events,
      String checkpoints, long lines, URI serving) throws Exception {
    client.indices().delete(d -> d.index(PipelineResults.INDICES).ignoreUnavailable(true));
    PipelineOptions options = PipelineOptions.defaults();
    if (serving != null) {
      options = options.withEnrichment(options.enrichment().withServingUrl(serving));
    }
    RadarPipeline job = RadarPipeline.builder()
        .sources(PipelineSources.files(List.of(events)))
        .options(options)
        .intelligence(serving == null ? null : IntelligenceOptions.load(null).withServingUrl(serving))
        .checkpointDirectory(checkpoints)
        .outputs(es)
        .build();
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

  /** Every post of the stream through POST /v1/enrich, one per call, {@code inFlight} at once. */
  private static double servingCeiling(URI serving, Path events, int inFlight) throws Exception {
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
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try (ServingClient client = new ServingClient(ClientOptions.of(serving))) {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (Wire.EnrichPost r : requests) {
        done.add(pool.submit(() -> client.enrich(List.of(r))));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return requests.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }


}
