package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import java.util.List;

/** The pipeline as the ITs run it: into the real Elasticsearch, options from key/value pairs. */
public final class ItPipelines {
  private ItPipelines() {}

  /** A builder whose outputs are the production Elasticsearch outputs for {@code esUrl}. */
  public static RadarPipeline.Builder intoElasticsearch(String esUrl) {
    return RadarPipeline.builder()
        .outputs(new ElasticsearchOutputs(ElasticsearchSinkOptions.defaults(List.of(esUrl))));
  }

  /** The pipeline's defaults with {@code keyValues} (key, value, key, value...) on top. */
  public static PipelineOptions options(String... keyValues) {
    return PipelineOptions.from(config(keyValues));
  }

  /**
   * The job's settings at their defaults with {@code keyValues} (key, value, key, value...) on
   * top, as a settings file would set them.
   */
  public static Config config(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must come in pairs, got " + keyValues.length);
    }
    Config.Loader loader = JobConfig.loader();
    for (int i = 0; i < keyValues.length; i += 2) {
      loader.flag(keyValues[i], keyValues[i + 1], "test");
    }
    return loader.load();
  }
}
