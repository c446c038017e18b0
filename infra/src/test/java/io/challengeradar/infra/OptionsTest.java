package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private static final Path HOME = Path.of("/project/.radar");
  private static final Path DIST = Path.of("/build/elasticsearch-8.19.21");

  @Test
  void elasticsearchDefaultsLiveUnderTheRadarHome() {
    ElasticsearchOptions options = ElasticsearchOptions.defaults(HOME, DIST);

    assertThat(options.httpPort()).isEqualTo(ElasticsearchOptions.DEFAULT_HTTP_PORT);
    assertThat(options.transportPort()).isZero();
    assertThat(options.baseDir()).isEqualTo(HOME.resolve("elasticsearch"));
    assertThat(options.heapMb()).isEqualTo(ElasticsearchOptions.DEFAULT_HEAP_MB);
    assertThat(options.serviceUser()).isEqualTo(ServiceUser.DEFAULT_NAME);
    assertThat(options.stopOnExit()).isTrue();
    assertThat(options.url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(options.stateFile()).isEqualTo(HOME.resolve("elasticsearch/state.properties"));
  }

  @Test
  void rejectsPortOutOfRangeNamingIt() {
    ElasticsearchOptions options = ElasticsearchOptions.defaults(HOME, DIST);

    assertThatThrownBy(() -> options.withHttpPort(0)).hasMessageContaining("httpPort");
    assertThatThrownBy(() -> options.withHttpPort(70000)).hasMessageContaining("httpPort");
    assertThatThrownBy(() -> options.withTransportPort(-1)).hasMessageContaining("transportPort");
  }

  @Test
  void rejectsTransportPortEqualToHttpPort() {
    assertThatThrownBy(() -> ElasticsearchOptions.defaults(HOME, DIST).withTransportPort(9200))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transportPort must differ from httpPort");
  }

  @Test
  void rejectsHeapBelowTheMinimum() {
    assertThatThrownBy(() -> ElasticsearchOptions.defaults(HOME, DIST).withHeapMb(64))
        .hasMessageContaining("heapMb");
  }

  @Test
  void rejectsNonPositiveStartupTimeout() {
    assertThatThrownBy(
            () -> ElasticsearchOptions.defaults(HOME, DIST).withStartupTimeout(Duration.ZERO))
        .hasMessageContaining("startupTimeout");
  }

  @Test
  void kafkaDefaultsLiveUnderTheRadarHome() {
    KafkaOptions options = KafkaOptions.defaults(HOME);

    assertThat(options.port()).isEqualTo(KafkaOptions.DEFAULT_PORT);
    assertThat(options.bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(options.dataDir()).isEqualTo(HOME.resolve("kafka/data"));
    assertThat(options.classPath()).isEqualTo(System.getProperty("java.class.path"));
  }

  @Test
  void rejectsKafkaControllerPortEqualToClientPort() {
    assertThatThrownBy(() -> KafkaOptions.defaults(HOME).withControllerPort(9092))
        .hasMessageContaining("controllerPort must differ from port");
  }

  @Test
  void rejectsKafkaPortOutOfRangeNamingIt() {
    assertThatThrownBy(() -> KafkaOptions.defaults(HOME).withPort(65536))
        .hasMessageContaining("port must be in 1..65535");
  }

  @Test
  void platformDetachKeepsBothServersRunningAfterExit() {
    PlatformOptions options = PlatformOptions
        .defaults(HOME).withElasticsearch(ElasticsearchOptions.defaults(HOME, DIST))
        .withKafka(KafkaOptions.defaults(HOME))
        .withStopOnExit(false);

    assertThat(options.elasticsearch().stopOnExit()).isFalse();
    assertThat(options.kafka()).hasValueSatisfying(k -> assertThat(k.stopOnExit()).isFalse());
  }
}
