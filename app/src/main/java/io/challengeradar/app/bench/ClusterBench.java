package io.challengeradar.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.cluster.ClusterException;
import io.challengeradar.cluster.ClusterSettings;
import io.challengeradar.cluster.FlinkCluster;
import io.challengeradar.cluster.FlinkClusterOptions;
import io.challengeradar.cluster.FlinkRestClient;
import io.challengeradar.cluster.JobSubmitter;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.PipelineOutputs;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The job end to end (a generated file into Elasticsearch) on a real Flink session cluster at
 * one TaskManager (parallelism 1) and two (parallelism 2), against the same job on a MiniCluster
 * in this JVM at parallelism 1, with the same stream and the same Elasticsearch, in one run. On
 * the session cluster the job jar is submitted through the REST API as {@code radar submit} does;
 * its rate is the events over Flink's own run time of the job (start to FINISHED), as the
 * MiniCluster's is, so neither counts process start-up.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "End-to-end events/s on a real Flink session cluster at 1 and 2 TaskManagers"
        + " (parallelism 1 and 2) against the MiniCluster at parallelism 1; same stream, same"
        + " Elasticsearch, one run.")
public final class ClusterBench implements Callable<Integer> {
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration POLL = Duration.ofMillis(250);

  @Mixin BenchOptions bench = new BenchOptions(1);

  @Option(names = "--posts", defaultValue = "20000",
      description = "Generated posts (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--port", defaultValue = "19296",
      description = "Port of the Elasticsearch this benchmark starts (default ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    int repeats = bench.repeats();
    Path home = RadarHome.resolve().resolve("bench-cluster");
    Path work = Files.createDirectories(home);
    Path events = work.resolve("bench-events.ndjson");
    long lines = BenchEvents.generateCounted(events, posts);
    Path jar = JobSubmitter.builtJar(RadarHome.projectRoot());
    String checkpoints = work.resolve("checkpoints").toUri().toString();
    PlatformOptions platform = PlatformOptions.defaults(work)
        .withElasticsearch(ElasticsearchOptions.defaults(work).withHttpPort(port));
    double mini;
    double oneTm;
    double twoTm;
    try (RunningPlatform es = LocalPlatform.start(platform, System.err)) {
      ElasticsearchClient client = es.client();
      PipelineOutputs outputs = new ElasticsearchOutputs(ElasticsearchSinkOptions.from(
          Config.defaults(ElasticsearchSinkOptions.GROUP).with(CommonOptions.ELASTICSEARCH_HOSTS,
              List.of(es.elasticsearchUrl()), "radar bench cluster")));
      mini = Stats.medianRate("MiniCluster p1", repeats, () -> {
        reset(client);
        double rate = lines / (LocalJob.run(PipelineBench.builder(events, outputs, checkpoints)
            .build(), "bench-minicluster", 1, LocalJob.DEFAULT_POLL_INTERVAL, () -> { })
            .getNetRuntime(TimeUnit.MILLISECONDS) / 1e3);
        requireAllAccounted(client, lines, "MiniCluster");
        return rate;
      });
      FlinkClusterOptions options = FlinkClusterOptions.from(
              ClusterSettings.defaults().with(ClusterSettings.TASKMANAGERS, 1, "bench")
                  .with(ClusterSettings.SLOTS, 1, "bench"), work)
          .withPorts(Ports.anyFree(), Ports.anyFree());
      try (FlinkCluster cluster = new FlinkCluster(options,
          new PrintStream(OutputStream.nullOutputStream())).start()) {
        FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
        String jarId = rest.uploadJar(jar);
        List<String> args = List.of("--files", events.toString(), "--es", es.elasticsearchUrl(),
            "--checkpoints", checkpoints);
        oneTm = Stats.medianRate("session cluster 1 TM p1", repeats,
            () -> onCluster(rest, jarId, args, 1, client, lines));
        cluster.addTaskManager();
        awaitSlots(rest, 2);
        twoTm = Stats.medianRate("session cluster 2 TM p2", repeats,
            () -> onCluster(rest, jarId, args, 2, client, lines));
      }
    }
    report(repeats, lines, mini, oneTm, twoTm).finish(bench, true, System.out);
    return 0;
  }

  /** The table of one run. */
  BenchReport report(int repeats, long lines, double mini, double oneTm, double twoTm) {
    BenchReport report = new BenchReport("Cluster", "./radar bench cluster --repeats " + repeats
        + " --posts " + posts);
    report.row("minicluster_p1", "MiniCluster in one JVM, parallelism 1", mini, "events/s",
        "the baseline: the job as radar demo runs it");
    report.row("cluster_1tm_p1", "session cluster, 1 TaskManager, parallelism 1", oneTm,
        "events/s", report.ratio("cluster_1tm_of_minicluster", oneTm / mini)
            + " of the MiniCluster's rate (the cost of separate processes)");
    report.row("cluster_2tm_p2", "session cluster, 2 TaskManagers, parallelism 2", twoTm,
        "events/s", report.ratio("cluster_2tm_of_1tm", twoTm / oneTm) + " of 1 TaskManager's;"
            + " " + BenchReport.fmt(twoTm / 2) + " per slot, "
            + report.ratio("per_slot_2tm_of_minicluster", twoTm / 2 / mini)
            + " of the MiniCluster's per core");
    report.note("Generated stream, seed 42: " + posts + " posts, " + lines + " events, from a"
        + " file into one local Elasticsearch; each rate is the events over Flink's run time of"
        + " the job, its deployment included (which dominates a stream of a few thousand"
        + " events). With " + Runtime.getRuntime().availableProcessors() + " cores shared by the"
        + " JobManager, the TaskManagers, Elasticsearch and this JVM, these figures are about"
        + " overhead and correctness (every event accounted for in each run) more than speed.");
    return report;
  }

  /** Submits the job jar at {@code parallelism}, waits until it finishes; its rate. */
  private static double onCluster(FlinkRestClient rest, String jarId, List<String> args,
      int parallelism, ElasticsearchClient client, long lines) throws Exception {
    reset(client);
    String job = rest.runJar(jarId, args, null, parallelism);
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    String state = rest.jobState(job);
    while (!state.equals("FINISHED")) {
      if (state.equals("FAILED") || state.equals("CANCELED")) {
        throw new ClusterException("the benchmark's job " + job + " is " + state + ": "
            + rest.exceptions(job));
      }
      if (System.nanoTime() > deadline) {
        rest.cancel(job);
        throw new ClusterException("the benchmark's job " + job + " did not finish within "
            + JOB_TIMEOUT.toMinutes() + " min; cancelled it");
      }
      Thread.sleep(POLL.toMillis());
      state = rest.jobState(job);
    }
    long millis = rest.job(job).path("duration").asLong();
    requireAllAccounted(client, lines, "session cluster p" + parallelism);
    return lines / (millis / 1e3);
  }

  private static void awaitSlots(FlinkRestClient rest, int slots) throws InterruptedException {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (rest.requireOverview().slotsTotal() < slots) {
      if (System.nanoTime() > deadline) {
        throw new ClusterException("the second TaskManager did not register its slot");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static void requireAllAccounted(ElasticsearchClient client, long lines, String run)
      throws IOException {
    PipelineResults written = PipelineResults.read(client);
    long accounted = written.eventsApplied() + written.deadLettered();
    if (accounted != lines) {
      throw new IllegalStateException(run + " accounted for " + accounted + " of " + lines
          + " events");
    }
  }

  private static void reset(ElasticsearchClient client) throws IOException {
    client.indices().delete(d -> d.index(PipelineResults.INDICES).ignoreUnavailable(true));
  }
}
