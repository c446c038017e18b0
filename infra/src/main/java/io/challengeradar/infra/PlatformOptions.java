package io.challengeradar.infra;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the local platform runs: always Elasticsearch, Kafka when asked for.
 *
 * @param elasticsearch Elasticsearch's options
 * @param kafka Kafka's options, or empty to run without a broker
 * @param installTemplates whether to install the shipped index templates after start
 */
public record PlatformOptions(
    ElasticsearchOptions elasticsearch, Optional<KafkaOptions> kafka, boolean installTemplates) {

  public PlatformOptions {
    Objects.requireNonNull(elasticsearch, "elasticsearch");
    Objects.requireNonNull(kafka, "kafka");
  }

  /** Elasticsearch with its defaults under {@code radarHome}, no Kafka, templates installed. */
  public static PlatformOptions defaults(Path radarHome) {
    return new PlatformOptions(ElasticsearchOptions.defaults(radarHome), Optional.empty(), true);
  }

  public PlatformOptions withElasticsearch(ElasticsearchOptions options) {
    return new PlatformOptions(options, kafka, installTemplates);
  }

  public PlatformOptions withKafka(KafkaOptions options) {
    return new PlatformOptions(elasticsearch, Optional.of(options), installTemplates);
  }

  public PlatformOptions withoutKafka() {
    return new PlatformOptions(elasticsearch, Optional.empty(), installTemplates);
  }

  /** Both servers stop with this JVM unless {@code detach}. */
  public PlatformOptions withStopOnExit(boolean stop) {
    return new PlatformOptions(
        elasticsearch.withStopOnExit(stop), kafka.map(k -> k.withStopOnExit(stop)),
        installTemplates);
  }
}
