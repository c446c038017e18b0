package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSettingsTest {
  private static final Path SHIPPED = Path.of("..", "docs", "config", "platform.properties");
  private static final Path HOME = Path.of("/project/.radar");
  private static final Path DIST = Path.of("/build/elasticsearch-8.19.21");

  @TempDir Path dir;

  private static ElasticsearchOptions elasticsearch(Config settings) {
    return ElasticsearchOptions.from(settings, HOME, DIST);
  }

  @Test
  void theShippedPropertiesFileHoldsEverySettingAtItsDefault() throws Exception {
    // Its exact text (radar config defaults --component platform) is app's ShippedConfigTest's.
    Config shipped = Config.loader(PlatformSettings.GROUP).file(SHIPPED).load();
    String text = Files.readString(SHIPPED, StandardCharsets.UTF_8);

    for (Option<?> o : PlatformSettings.GROUP.options()) {
      assertThat(text).as(o.key()).containsPattern("(?m)^" + Pattern.quote(o.key()) + "=");
      assertThat((Object) shipped.get(o)).as(o.key()).isEqualTo(o.defaultValue());
    }
  }

  @Test
  void elasticsearchDefaultsLiveUnderTheRadarHome() {
    ElasticsearchOptions options = elasticsearch(PlatformSettings.defaults());

    assertThat(options.httpPort()).isEqualTo(9200);
    assertThat(options.transportPort()).isZero();
    assertThat(options.baseDir()).isEqualTo(HOME.resolve("elasticsearch"));
    assertThat(options.heapMb()).isEqualTo(512);
    assertThat(options.startupTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.serviceUser()).isEqualTo(ServiceUser.DEFAULT_NAME);
    assertThat(options.stagingRoot()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(options.stopOnExit()).isTrue();
    assertThat(options.url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(options.stateFile()).isEqualTo(HOME.resolve("elasticsearch/state.properties"));
  }

  @Test
  void fileEnvironmentAndFlagsReachThePlatform() throws Exception {
    Path file = Files.writeString(dir.resolve("platform.properties"), String.join("\n",
        "platform.elasticsearch.port=19200", "platform.elasticsearch.heap-mb=768",
        "platform.kafka.enabled=true", "platform.kafka.port=19092"));

    Config c = Config.loader(PlatformSettings.GROUP).file(file)
        .environment(Map.of("RADAR_PLATFORM_ELASTICSEARCH_PORT", "19201",
            "RADAR_PLATFORM_KAFKA_HEAP_MB", "256"))
        .flag(PlatformSettings.KAFKA_PORT.key(), "19093", "--kafka-port").load();
    PlatformOptions options = PlatformOptions.from(c, HOME);

    assertThat(options.elasticsearch().httpPort()).isEqualTo(19201);
    assertThat(options.elasticsearch().heapMb()).isEqualTo(768);
    assertThat(options.kafka()).hasValueSatisfying(k -> {
      assertThat(k.port()).isEqualTo(19093);
      assertThat(k.heapMb()).isEqualTo(256);
      assertThat(k.baseDir()).isEqualTo(HOME.resolve("kafka"));
    });
    assertThat(c.origin(PlatformSettings.ES_HEAP_MB).toString()).isEqualTo("file " + file);
  }

  @Test
  void rejectsPortsOutOfRangeNamingThem() {
    ElasticsearchOptions options = elasticsearch(PlatformSettings.defaults());

    assertThatThrownBy(() -> options.withHttpPort(0)).hasMessageContaining("httpPort");
    assertThatThrownBy(() -> options.withHttpPort(70000)).hasMessageContaining("httpPort");
    assertThatThrownBy(() -> Config.loader(PlatformSettings.GROUP)
        .flag(PlatformSettings.ES_TRANSPORT_PORT.key(), "-1", "--set").load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("platform.elasticsearch.transport-port must be 0 to 65535");
    assertThatThrownBy(() -> KafkaOptions.defaults(HOME).withPort(65536))
        .hasMessageContaining("port must be in 1..65535");
  }

  @Test
  void rejectsTransportPortEqualToHttpPort() {
    Config c = PlatformSettings.defaults().with(PlatformSettings.ES_TRANSPORT_PORT, 9200, "test");

    assertThatThrownBy(() -> elasticsearch(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transportPort must differ from httpPort");
  }

  @Test
  void rejectsHeapBelowTheMinimumAndANonPositiveTimeout() {
    assertThatThrownBy(() -> PlatformSettings.defaults()
        .with(PlatformSettings.ES_HEAP_MB, 64, "test"))
        .hasMessageContaining("platform.elasticsearch.heap-mb must be at least 128");
    assertThatThrownBy(() -> Config.loader(PlatformSettings.GROUP)
        .environment(Map.of("RADAR_PLATFORM_ELASTICSEARCH_STARTUP_TIMEOUT", "0s")).load())
        .hasMessageContaining("platform.elasticsearch.startup-timeout must be positive");
  }

  @Test
  void kafkaDefaultsLiveUnderTheRadarHome() {
    KafkaOptions options = KafkaOptions.defaults(HOME);

    assertThat(options.port()).isEqualTo(9092);
    assertThat(options.bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(options.dataDir()).isEqualTo(HOME.resolve("kafka/data"));
    assertThat(options.classPath()).isEqualTo(System.getProperty("java.class.path"));
  }

  @Test
  void rejectsKafkaControllerPortEqualToClientPort() {
    Config c = PlatformSettings.defaults()
        .with(PlatformSettings.KAFKA_CONTROLLER_PORT, 9092, "test");

    assertThatThrownBy(() -> KafkaOptions.from(c, HOME))
        .hasMessageContaining("controllerPort must differ from port");
  }

  @Test
  void kafkaIsOffUnlessEnabledAndDetachKeepsBothServersRunningAfterExit() {
    assertThat(PlatformOptions.defaults(HOME).kafka()).isEmpty();

    PlatformOptions options = PlatformOptions
        .from(PlatformSettings.defaults().with(PlatformSettings.KAFKA, true, "test"), HOME)
        .withStopOnExit(false);

    assertThat(options.elasticsearch().stopOnExit()).isFalse();
    assertThat(options.kafka()).hasValueSatisfying(k -> assertThat(k.stopOnExit()).isFalse());
  }
}
