package io.challengeradar.infra;

import io.challengeradar.config.Config;
import io.challengeradar.contract.IngestSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the local platform runs: always Elasticsearch, Kafka when asked for.
 *
 * @param elasticsearch Elasticsearch's options
 * @param kafka Kafka's options, or empty to run without a broker
 * @param installTemplates whether to install the shipped index templates after start
 * @param ingest index settings laid over the templates as they are installed
 */
public record PlatformOptions(
    ElasticsearchOptions elasticsearch, Optional<KafkaOptions> kafka, boolean installTemplates,
    IngestSettings ingest) {

  public PlatformOptions {
    Objects.requireNonNull(elasticsearch, "elasticsearch");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(ingest, "ingest");
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
        settings.get(PlatformSettings.INSTALL_TEMPLATES), PlatformSettings.ingest(settings));
  }

  public PlatformOptions withElasticsearch(ElasticsearchOptions options) {
    return new PlatformOptions(options, kafka, installTemplates, ingest);
  }

  public PlatformOptions withKafka(KafkaOptions options) {
    return new PlatformOptions(elasticsearch, Optional.of(options), installTemplates, ingest);
  }

  /** Both servers stop with this JVM unless {@code detach}. */
  public PlatformOptions withStopOnExit(boolean stop) {
    return new PlatformOptions(
        elasticsearch.withStopOnExit(stop), kafka.map(k -> k.withStopOnExit(stop)),
        installTemplates, ingest);
  }

  /** Index settings laid over the templates when they are installed. */
  public PlatformOptions withIngest(IngestSettings settings) {
    return new PlatformOptions(elasticsearch, kafka, installTemplates, settings);
  }
}
