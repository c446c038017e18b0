package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.challengeradar.api.auth.ApiKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    assumeThat(System.getenv(ApiKeys.ENV)).as("keys from the environment would let it start").isNull();
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
    assertThat(api.access().authenticate("0123456789abcdef-team", null)).isEqualTo("team-a");
    assertThat(api.port).isEqualTo(8080);
  }
}
