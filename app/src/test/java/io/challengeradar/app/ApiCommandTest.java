package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.challengeradar.api.ApiOptions;
import io.challengeradar.api.ApiSettings;
import io.challengeradar.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ApiCommandTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cli = Radar.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void refusesToStartWithoutKeysOrInsecureFlag() {
    assumeThat(System.getenv(ApiSettings.KEYS.envVar()))
        .as("keys from the environment would let it start").isNull();
    StringWriter err = new StringWriter();
    int exit = run(err, "api", "--es", "http://127.0.0.1:1", "--port", "0");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--insecure-no-auth");
  }

  @Test
  void refusesAShortKeyNamingTheFileAndLine(@TempDir Path dir) throws IOException {
    Path keys = Files.writeString(dir.resolve("keys"), "tooshort team-a\n");
    StringWriter err = new StringWriter();
    int exit = run(err, "api", "--keys-file", keys.toString(), "--es", "http://127.0.0.1:1");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("line 1").contains("at least 16");
  }

  @Test
  void readsKeysFromTheKeysFile(@TempDir Path dir) throws IOException {
    Path keys = Files.writeString(dir.resolve("keys"), "0123456789abcdef-team team-a\n");
    ApiCommand api = new ApiCommand();
    new CommandLine(api).parseArgs("--keys-file", keys.toString());
    Config settings = api.settings();
    assertThat(api.access(settings).authenticate("0123456789abcdef-team", null))
        .isEqualTo("team-a");
    assertThat(ApiOptions.from(settings).port()).isEqualTo(8080);
  }

  @Test
  void fileEnvironmentFlagsAndSetReachTheApisOptions(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("api.properties"),
        "api.port=9000\napi.threads=4\napi.rate=2.5\nelasticsearch.hosts=http://es-a:9200\n");
    ApiCommand api = new ApiCommand();
    new CommandLine(api).parseArgs("--config", file.toString(), "--port", "9100",
        "--set", "api.burst=7");
    api.flags.environment = Map.of("RADAR_API_THREADS", "6", "RADAR_ELASTICSEARCH_HOSTS",
        "http://es-b:9200,http://es-c:9200", "RADAR_API_KEYS", "0123456789abcdef-env");
    Config settings = api.settings();

    ApiOptions options = ApiOptions.from(settings);
    assertThat(options.port()).isEqualTo(9100);
    assertThat(options.threads()).isEqualTo(6);
    assertThat(options.ratePerSecond()).isEqualTo(2.5);
    assertThat(options.burst()).isEqualTo(7);
    assertThat(options.elasticsearchHosts()).containsExactly("http://es-b:9200", "http://es-c:9200");
    assertThat(api.access(settings).authenticate("0123456789abcdef-env", null)).isEqualTo("env-1");
  }

  @Test
  void refusesAnotherComponentsKeyInItsFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("api.properties"), "serving.port=9000\n");
    StringWriter err = new StringWriter();
    int exit = run(err, "api", "--config", file.toString(), "--insecure-no-auth");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("serving.port").contains(file.toString())
        .contains("has no effect here");
  }
}
