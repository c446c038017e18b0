package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.serving.ServingNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;

  private static ServeCommand parse(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    serve.flags.environment = Map.of();
    return serve;
  }

  @Test
  void theFlagsOverrideTheFileAndTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("serving.properties"),
        "serving.port=9000\nserving.threads=8\nserving.batch.max-size=16\n");
    ServeCommand serve = parse("--config", file.toString(), "--port", "9100",
        "--reload-seconds", "0", "--store", dir.toString(), "--set", "serving.max-items=4");
    serve.flags.environment = Map.of("RADAR_SERVING_THREADS", "12",
        "RADAR_SERVING_DEVICE", "gpu:0");

    ServingNode.Options options = serve.options();

    assertThat(options.server().port()).isEqualTo(9100);
    assertThat(options.server().threads()).isEqualTo(12);
    assertThat(options.batching().maxBatchSize()).isEqualTo(16);
    assertThat(options.reloadInterval()).isEqualTo(Duration.ZERO);
    assertThat(options.store()).isEqualTo(dir.toAbsolutePath());
    assertThat(options.device()).isEqualTo("gpu:0");
    assertThat(options.limits().maxItems()).isEqualTo(4);
  }

  @Test
  void aMisspelledKeyStopsItNamingTheKeyAndTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("serving.properties"), "serving.treads=8\n");
    StringWriter err = new StringWriter();

    int code = Radar.commandLine().setErr(new PrintWriter(err))
        .execute("serve", "--config", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("serving.treads").contains(file.toString())
        .contains("did you mean serving.threads?");
  }
}
