package io.challengeradar.app;

import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import io.challengeradar.infra.RadarHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The streaming pipeline on Kafka, on a local MiniCluster, until Ctrl-C. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the streaming pipeline on a local Flink MiniCluster: radar.posts and radar.engagement"
          + " from Kafka into Elasticsearch, until Ctrl-C.",
      "On a real Flink cluster, submit flink-jobs/target/flink-jobs-<version>-job.jar with"
          + " `flink run` instead (same arguments: --kafka, --es, --config, --checkpoints)."
    })
public final class PipelineCommand implements Callable<Integer> {
  /** How often a status line is printed. */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);

  @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers.")
  String kafka;

  @Option(names = "--es", required = true, paramLabel = "URL",
      description = "Elasticsearch URL(s), comma-separated.")
  String es;

  @Option(names = "--config", description = "Pipeline settings overriding pipeline.properties"
      + " key by key.")
  Path config;

  @Option(names = "--group-id", defaultValue = PipelineSources.DEFAULT_GROUP_ID,
      description = "Kafka consumer group (default ${DEFAULT-VALUE}).")
  String groupId;

  @Option(names = "--checkpoints", description = "Checkpoint directory (default: the radar"
      + " home's pipeline/checkpoints).")
  Path checkpoints;

  @Option(names = "--parallelism", defaultValue = "" + LocalJob.DEFAULT_PARALLELISM,
      description = "Parallelism of the job (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    List<String> hosts = List.of(es.split(","));
    Path checkpointDir = checkpoints != null ? checkpoints
        : RadarHome.resolve().resolve("pipeline").resolve("checkpoints");
    Files.createDirectories(checkpointDir);
    PipelineOptions options = PipelineOptions.load(config);
    RadarPipeline job = RadarPipeline.builder()
        .source(PipelineSources.kafka(kafka, groupId))
        .watermarksAtSource(PipelineSources.kafkaWatermarks(options.outOfOrderness(),
            options.idleTimeout()))
        .options(options)
        .checkpointDirectory(checkpointDir.toUri().toString())
        .outputs(new ElasticsearchOutputs(ElasticsearchSinkOptions.defaults(hosts)))
        .build();
    System.err.println("pipeline: " + kafka + " -> " + es + ", checkpoints in " + checkpointDir
        + "; Ctrl-C stops it");
    try (ElasticsearchConnection client = ElasticsearchClients.create(hosts.get(0))) {
      long[] next = {System.nanoTime() + STATUS_INTERVAL.toNanos()};
      LocalJob.run(job, "radar-pipeline", parallelism, LocalJob.DEFAULT_POLL_INTERVAL, () -> {
        if (System.nanoTime() < next[0]) {
          return;
        }
        next[0] = System.nanoTime() + STATUS_INTERVAL.toNanos();
        try {
          System.err.printf(Locale.ROOT, "pipeline: %,d records accounted for in Elasticsearch%n",
              PipelineResults.inputAccountedFor(client.client()));
        } catch (java.io.IOException e) {
          System.err.println("pipeline: Elasticsearch did not answer (" + e.getMessage() + ")");
        }
      });
    }
    return 0;
  }
}
