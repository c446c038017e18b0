package io.challengeradar.flink;

import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.source.PipelineSources;

/**
 * The one place the streaming job is put together from its configuration: sources (Kafka with
 * per-partition watermarks, or files), enrichment, intelligence, the Elasticsearch sink and
 * checkpoints. The job jar, {@code radar pipeline}, {@code radar demo} and the benchmarks all
 * call it; tests that need other sources or outputs start from {@link #builder} and swap them.
 */
public final class JobFactory {
  private JobFactory() {}

  public static RadarPipeline create(JobConfig config) {
    return builder(config).build();
  }

  /** The job as configured, not yet built: a caller may swap the sources or the outputs. */
  public static RadarPipeline.Builder builder(JobConfig config) {
    RadarPipeline.Builder b = RadarPipeline.builder()
        .options(config.pipeline())
        .intelligence(config.intelligence())
        .checkpointDirectory(config.checkpoints())
        .stateBackend(config.state())
        .outputs(new ElasticsearchOutputs(config.sink()));
    JobConfig.SourceOptions source = config.source();
    if (source.kafka()) {
      b.source(PipelineSources.kafka(source.kafkaBootstrap(), source.groupId(), source.bounded(),
              source.kafkaClient()))
          .watermarksAtSource(PipelineSources.kafkaWatermarks(config.pipeline().outOfOrderness(),
              config.pipeline().idleTimeout(), config.pipeline().maxFutureSkew()));
    } else {
      b.sources(PipelineSources.files(source.files()));
    }
    return b;
  }
}
