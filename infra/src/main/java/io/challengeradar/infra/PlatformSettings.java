package io.challengeradar.infra;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.contract.IngestSettings;
import java.time.Duration;

/**
 * Every setting of the local platform ({@code radar up}), defined once; {@link PlatformOptions},
 * {@link ElasticsearchOptions} and {@link KafkaOptions} are built from them. The servers' folders
 * are not settings: they live under the radar home ({@code .radar/elasticsearch},
 * {@code .radar/kafka}), where {@code radar status}, {@code radar down} and {@code radar api} find
 * them by their state files.
 */
public final class PlatformSettings {
  private PlatformSettings() {}

  public static final Option<Integer> ES_PORT = Option.key("platform.elasticsearch.port")
      .intType().defaultValue(9200).between(1, 65_535)
      .description("Elasticsearch's HTTP port (loopback only).");
  public static final Option<Integer> ES_TRANSPORT_PORT =
      Option.key("platform.elasticsearch.transport-port").intType().defaultValue(0)
          .between(0, 65_535)
          .description("Elasticsearch's node-to-node port; 0: the HTTP port + "
              + ElasticsearchOptions.TRANSPORT_PORT_OFFSET + ", or any free port when that one is"
              + " busy.");
  public static final Option<Integer> ES_HEAP_MB = Option.key("platform.elasticsearch.heap-mb")
      .intType().defaultValue(512).check(mb -> mb >= ElasticsearchOptions.MIN_HEAP_MB,
          "must be at least " + ElasticsearchOptions.MIN_HEAP_MB)
      .description("Elasticsearch's JVM heap (-Xms and -Xmx), in MiB.");
  public static final Option<Duration> ES_STARTUP_TIMEOUT =
      Option.key("platform.elasticsearch.startup-timeout").durationType()
          .defaultValue(Duration.ofSeconds(120)).positive()
          .description("How long to wait for the cluster to become yellow or green.");
  public static final Option<Duration> ES_STOP_TIMEOUT =
      Option.key("platform.elasticsearch.stop-timeout").durationType()
          .defaultValue(Duration.ofSeconds(30)).positive()
          .description("How long Elasticsearch may take to stop on SIGTERM before it is killed.");
  public static final Option<String> ES_SERVICE_USER =
      Option.key("platform.elasticsearch.service-user").stringType()
          .defaultValue(ServiceUser.DEFAULT_NAME)
          .check(PlatformSettings::isUserName, "must be a plain user name ([a-z_][a-z0-9_-]*, at"
              + " most 32)")
          .description("The user Elasticsearch runs as when started by root (it refuses to run"
              + " as root).");
  public static final Option<String> ES_STAGING_ROOT =
      Option.key("platform.elasticsearch.staging-root").stringType()
          .description("Where to stage Elasticsearch's home, data and logs when the service user"
              + " cannot reach the project's folder; empty: the system's temporary folder.");
  public static final Option<Boolean> ES_SECURE = Option.key("platform.elasticsearch.secure")
      .booleanType().defaultValue(false)
      .description("Run Elasticsearch with security on, as a real deployment does: TLS on HTTP"
          + " with a CA made locally and a file-realm user, both kept in .radar/elasticsearch/"
          + ElasticsearchSecurity.DIR_NAME + " (radar up --secure).");
  public static final Option<Boolean> KAFKA = Option.key("platform.kafka.enabled").booleanType()
      .defaultValue(false).description("Also run a Kafka broker (one KRaft node).");
  public static final Option<Integer> KAFKA_PORT = Option.key("platform.kafka.port").intType()
      .defaultValue(9092).between(1, 65_535)
      .description("Kafka's client (PLAINTEXT) port, loopback only.");
  public static final Option<Integer> KAFKA_CONTROLLER_PORT =
      Option.key("platform.kafka.controller-port").intType().defaultValue(0)
          .between(0, 65_535)
          .description("Kafka's KRaft controller port; 0: the client port + 1, or any free port"
              + " when that one is busy.");
  public static final Option<Integer> KAFKA_HEAP_MB = Option.key("platform.kafka.heap-mb")
      .intType().defaultValue(512).check(mb -> mb >= KafkaOptions.MIN_HEAP_MB,
          "must be at least " + KafkaOptions.MIN_HEAP_MB)
      .description("The broker JVM's heap (-Xms and -Xmx), in MiB.");
  public static final Option<Duration> KAFKA_STARTUP_TIMEOUT =
      Option.key("platform.kafka.startup-timeout").durationType()
          .defaultValue(Duration.ofSeconds(90)).positive()
          .description("How long to wait for the broker to answer.");
  public static final Option<Duration> KAFKA_STOP_TIMEOUT =
      Option.key("platform.kafka.stop-timeout").durationType()
          .defaultValue(Duration.ofSeconds(30)).positive()
          .description("How long the broker may take to stop on SIGTERM before it is killed.");
  public static final Option<Boolean> INSTALL_TEMPLATES =
      Option.key("platform.install-templates").booleanType().defaultValue(true)
          .description("Install the shipped index templates once Elasticsearch is up.");

  public static final Option<String> INDEX_REFRESH_INTERVAL =
      Option.key("platform.index.refresh-interval").stringType()
          .check(PlatformSettings::isRefreshInterval, "must be empty, -1 or a time such as 1s")
          .description("index.refresh_interval laid over every installed template: how soon new"
              + " writes become searchable. Longer (5s, 30s) makes fewer, larger segments and"
              + " faster ingest; empty: the templates' own (Elasticsearch's 1s). Reaches indices"
              + " created after the install.");
  public static final Option<Integer> INDEX_REPLICAS = Option.key("platform.index.replicas")
      .intType().defaultValue(-1).check(n -> n >= -1, "must be -1 or more")
      .description("index.number_of_replicas laid over every installed template; -1: the"
          + " templates' own (0, for a single node). Reaches indices created after the install.");

  public static final OptionGroup GROUP = OptionGroup.of("platform",
      "The local platform (radar up): a real Elasticsearch and, when enabled, a Kafka broker on"
          + " this machine.",
      ES_PORT, ES_TRANSPORT_PORT, ES_HEAP_MB, ES_STARTUP_TIMEOUT, ES_STOP_TIMEOUT,
      ES_SERVICE_USER, ES_STAGING_ROOT, ES_SECURE, KAFKA, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
      KAFKA_HEAP_MB, KAFKA_STARTUP_TIMEOUT, KAFKA_STOP_TIMEOUT, INSTALL_TEMPLATES,
      INDEX_REFRESH_INTERVAL, INDEX_REPLICAS);

  /** Every platform setting at its default; tests change what they need with {@link Config#with}. */
  public static Config defaults() {
    return Config.defaults(GROUP);
  }

  /** The ingest settings laid over the templates, from {@code settings}. */
  public static IngestSettings ingest(Config settings) {
    int replicas = settings.get(INDEX_REPLICAS);
    return new IngestSettings(settings.get(INDEX_REFRESH_INTERVAL),
        replicas < 0 ? null : replicas);
  }

  private static boolean isRefreshInterval(String text) {
    try {
      new IngestSettings(text, null);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isUserName(String user) {
    try {
      RunAs.checkUserName(user);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
