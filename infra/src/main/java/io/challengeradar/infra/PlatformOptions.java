package io.challengeradar.infra;

import io.challengeradar.config.Config;
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
    return from(PlatformSettings.defaults(), radarHome);
  }

  /** What {@code settings} (see {@link PlatformSettings}) describe, under {@code radarHome}. */
  public static PlatformOptions from(Config settings, Path radarHome) {
    return new PlatformOptions(ElasticsearchOptions.from(settings, radarHome),
        settings.get(PlatformSettings.KAFKA)
            ? Optional.of(KafkaOptions.from(settings, radarHome)) : Optional.empty(),
        settings.get(PlatformSettings.INSTALL_TEMPLATES));
  }

  public PlatformOptions withElasticsearch(ElasticsearchOptions options) {
    return new PlatformOptions(options, kafka, installTemplates);
  }

  public PlatformOptions withKafka(KafkaOptions options) {
    return new PlatformOptions(elasticsearch, Optional.of(options), installTemplates);
  }

  /** Both servers stop with this JVM unless {@code detach}. */
  public PlatformOptions withStopOnExit(boolean stop) {
    return new PlatformOptions(
        elasticsearch.withStopOnExit(stop), kafka.map(k -> k.withStopOnExit(stop)),
        installTemplates);
  }
}
