package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.infra.RadarHome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The CLI's console carries the product's output only: what libraries log goes to the process's
 * file, and a warning of the product's own shows as one line.
 */
class CliLoggingTest {

  @TempDir Path home;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private String originalHome;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    originalHome = System.getProperty(RadarHome.PROPERTY);
    System.setProperty(RadarHome.PROPERTY, home.toString());
  }

  @AfterEach
  void restore() throws Exception {
    System.setErr(originalErr);
    if (originalHome == null) {
      System.clearProperty(RadarHome.PROPERTY);
    } else {
      System.setProperty(RadarHome.PROPERTY, originalHome);
    }
    System.clearProperty(CliLogging.FILE_PROPERTY);
    Configurator.reconfigure(getClass().getClassLoader().getResource("log4j2.xml").toURI());
  }

  @Test
  void flinkWarningWithItsTraceGoesToTheFileAndNotToTheConsole() throws IOException {
    Path file = CliLogging.install("demo", new PrintStream(console, true, StandardCharsets.UTF_8));

    LoggerFactory.getLogger("org.apache.flink.runtime.checkpoint.CheckpointFailureManager")
        .warn("Failed to trigger or complete checkpoint 9",
            new IllegalStateException("Checkpoint was declined (task is closing)"));

    assertThat(file).isEqualTo(home.resolve("logs/demo.log"));
    assertThat(Files.readString(file))
        .contains("WARN", "CheckpointFailureManager - Failed to trigger or complete checkpoint 9",
            "task is closing", "\tat ");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(console.toString(StandardCharsets.UTF_8))
        .isEqualTo("radar: library logs (Flink, Kafka, Elasticsearch client, models) in " + file
            + System.lineSeparator());
  }

  @Test
  void productWarningShowsAsOneLineWithoutTraceAndInFullInTheFile() throws IOException {
    Path file = CliLogging.install("pipeline", System.out);

    LoggerFactory.getLogger("io.challengeradar.flink.es.ElasticsearchSinkWriter")
        .warn("bulk request failed,\nretrying", new IOException("connection refused"));

    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(
        "radar: warning: bulk request failed, retrying (connection refused)"
            + System.lineSeparator());
    assertThat(Files.readString(file)).contains("bulk request failed,\nretrying",
        "java.io.IOException: connection refused", "\tat ");
  }

  @Test
  void productInfoStaysInTheFile() throws IOException {
    Path file = CliLogging.install("serve", System.out);

    LoggerFactory.getLogger("io.challengeradar.serving.model.ModelRegistry")
        .info("loading model minilm version 1");

    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(Files.readString(file)).contains("loading model minilm version 1");
  }

  @Test
  void javaUtilLoggingGoesToTheFile() throws IOException {
    Path file = CliLogging.install("serve", System.out);

    java.util.logging.Logger.getLogger("ai.onnxruntime.OrtEnvironment")
        .warning("no CUDA provider");

    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(Files.readString(file)).contains("ai.onnxruntime.OrtEnvironment", "no CUDA provider");
  }

  @Test
  void eachRunStartsItsOwnFile() throws IOException {
    Path file = home.resolve("logs/bench-ingest.log");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "a line of the previous run\n");

    CliLogging.install("bench-ingest", System.out);
    LoggerFactory.getLogger("org.apache.kafka.clients.admin.AdminClientConfig").info("this run");

    assertThat(Files.readString(file)).contains("this run")
        .doesNotContain("a line of the previous run");
  }

  @Test
  void aFileChosenByTheParentProcessIsAppendedTo() throws IOException {
    // The demo sends a child's console to this file and tells the child to log there too.
    Path file = home.resolve("elsewhere/serving.log");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "the child's console\n");
    System.setProperty(CliLogging.FILE_PROPERTY, file.toString());

    Path chosen = CliLogging.install("serve", System.out);
    LoggerFactory.getLogger("ai.djl.util.Platform").info("found platform");

    assertThat(chosen).isEqualTo(file);
    assertThat(Files.readString(file)).startsWith("the child's console\n")
        .contains("found platform");
  }

  @Test
  void aProcessIsNamedForItsCommandAndHelpInstallsNothing() {
    CommandLine cli = Radar.commandLine();

    assertThat(Radar.processName(cli.parseArgs("bench", "ingest", "--no-record")))
        .isEqualTo("bench-ingest");
    assertThat(Radar.runsACommand(Radar.commandLine().parseArgs("demo", "--until-done"))).isTrue();
    assertThat(Radar.runsACommand(Radar.commandLine().parseArgs("demo", "--help"))).isFalse();
    assertThat(Radar.runsACommand(Radar.commandLine().parseArgs("help", "demo"))).isFalse();
    assertThat(Radar.runsACommand(Radar.commandLine().parseArgs("--version"))).isFalse();
  }
}
