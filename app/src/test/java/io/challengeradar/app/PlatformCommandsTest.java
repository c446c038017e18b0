package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.infra.PlatformOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlatformCommandsTest {
  @TempDir Path home;

  private static UpCommand parseUp(String... args) {
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs(args);
    return up;
  }

  @Test
  void upDefaultsToElasticsearchOnlyStoppedOnExit() {
    PlatformOptions options = parseUp().options(home);

    assertThat(options.elasticsearch().httpPort()).isEqualTo(9200);
    assertThat(options.elasticsearch().baseDir()).isEqualTo(home.resolve("elasticsearch"));
    assertThat(options.elasticsearch().stopOnExit()).isTrue();
    assertThat(options.kafka()).isEmpty();
  }

  @Test
  void upDetachedWithKafkaLeavesBothRunning() {
    PlatformOptions options =
        parseUp("--port", "19201", "--kafka", "--kafka-port", "19093", "--detach").options(home);

    assertThat(options.elasticsearch().httpPort()).isEqualTo(19201);
    assertThat(options.elasticsearch().stopOnExit()).isFalse();
    assertThat(options.kafka()).hasValueSatisfying(k -> {
      assertThat(k.port()).isEqualTo(19093);
      assertThat(k.baseDir()).isEqualTo(home.resolve("kafka"));
      assertThat(k.stopOnExit()).isFalse();
    });
  }

  @Test
  void upRefusesAPortOutOfRangeNamingIt() {
    StringWriter err = new StringWriter();
    CommandLine cli = Radar.commandLine().setErr(new PrintWriter(err));

    int code = cli.execute("up", "--port", "70000");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("platform.elasticsearch.port must be 1 to 65535, was 70000 (flag --port)");
  }

  @Test
  void upReadsItsFileTheEnvironmentAndSet(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("platform.properties"),
        "platform.elasticsearch.heap-mb=768\nplatform.kafka.enabled=true\n");
    UpCommand up = parseUp("--config", file.toString(), "--set", "platform.kafka.port=19094");
    up.flags.environment = Map.of("RADAR_PLATFORM_ELASTICSEARCH_PORT", "19202");

    PlatformOptions options = up.options(home);

    assertThat(options.elasticsearch().httpPort()).isEqualTo(19202);
    assertThat(options.elasticsearch().heapMb()).isEqualTo(768);
    assertThat(options.kafka()).hasValueSatisfying(k -> assertThat(k.port()).isEqualTo(19094));
  }

  @Test
  void upRefusesAKafkaPortWithoutKafka() {
    StringWriter err = new StringWriter();
    CommandLine cli = Radar.commandLine().setErr(new PrintWriter(err));

    int code = cli.execute("up", "--kafka-port", "19093");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--kafka-port needs --kafka");
  }

  @Test
  void downWithNothingRecordedSaysSo() {
    StringWriter out = new StringWriter();
    System.setProperty("radar.home", home.toString());
    try {
      int code = Radar.commandLine().setOut(new PrintWriter(out)).execute("down");

      assertThat(code).isZero();
      assertThat(out.toString()).contains("Nothing to stop");
    } finally {
      System.clearProperty("radar.home");
    }
  }

  @Test
  void statusWithNothingRecordedSaysNotRunning() {
    StringWriter out = new StringWriter();
    System.setProperty("radar.home", home.toString());
    try {
      int code = Radar.commandLine().setOut(new PrintWriter(out)).execute("status");

      assertThat(code).isZero();
      assertThat(out.toString()).contains("Elasticsearch: not running").contains("Kafka: not running");
    } finally {
      System.clearProperty("radar.home");
    }
  }
}
