package io.challengeradar.flink;

import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import java.util.List;
import java.util.Properties;

/** The pipeline as the ITs run it: into the real Elasticsearch, options from key/value pairs. */
public final class ItPipelines {
  private ItPipelines() {}

  /** A builder whose outputs are the production Elasticsearch outputs for {@code esUrl}. */
  public static RadarPipeline.Builder intoElasticsearch(String esUrl) {
    return RadarPipeline.builder()
        .outputs(new ElasticsearchOutputs(ElasticsearchSinkOptions.defaults(List.of(esUrl))));
  }

  /** The defaults with {@code keyValues} (key, value, key, value...) of pipeline.properties. */
  public static PipelineOptions options(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must come in pairs, got " + keyValues.length);
    }
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return PipelineOptions.fromProperties(p);
  }
}
