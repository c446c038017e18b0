package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.generator.Scenario;
import io.challengeradar.core.generator.ScenarioJson;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int radar(String... args) {
    CommandLine cli = Radar.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static List<Event> decode(Path file) throws Exception {
    EventCodec codec = EventCodec.withDefaults();
    List<Event> events = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      events.add(codec.decode(line));
    }
    return events;
  }

  @Test
  void writesStreamAndTruthAndSaysWhatItWrote() throws Exception {
    Path stream = dir.resolve("stream.ndjson");
    Path truth = dir.resolve("truth.json");

    int code = radar("generate", "--seed", "3", "--posts", "1500", "--out", stream.toString(),
        "--truth", truth.toString());

    assertThat(code).as(err.toString()).isZero();
    List<Event> events = decode(stream);
    assertThat(events.stream().filter(Post.class::isInstance)).hasSize(1500);
    Scenario scenario;
    try (Reader r = Files.newBufferedReader(truth)) {
      scenario = ScenarioJson.read(r);
    }
    assertThat(scenario.seed()).isEqualTo(3);
    assertThat(scenario.posts()).isEqualTo(1500);
    assertThat(scenario.challenges()).hasSize(8);
    assertThat(out.toString())
        .contains("1,500 posts", "8 challenges", stream.toString(), truth.toString());
    try (var files = Files.list(dir)) {
      assertThat(files).as("no partial files left behind").hasSize(2);
    }
  }

  @Test
  void sameSeedWritesTheSameFile() throws Exception {
    Path a = dir.resolve("a.ndjson");
    Path b = dir.resolve("b.ndjson");
    assertThat(radar("generate", "--seed", "9", "--posts", "800", "--out", a.toString())).isZero();
    assertThat(radar("generate", "--seed", "9", "--posts", "800", "--out", b.toString())).isZero();
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
  }

  @Test
  void honoursStartAndSpan() throws Exception {
    Path stream = dir.resolve("s.ndjson");
    Instant start = Instant.parse("2020-06-01T00:00:00Z");

    int code = radar("generate", "--posts", "500", "--start", start.toString(), "--span", "PT48H",
        "--challenges", "2", "--out", stream.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(decode(stream))
        .allSatisfy(e -> assertThat(e.eventTime())
            .isAfterOrEqualTo(start)
            .isBefore(start.plusSeconds(48 * 3600)));
  }

  @Test
  void refusesBadArgumentNamingIt() {
    int code = radar("generate", "--challenge-share", "0.9", "--out",
        dir.resolve("x.ndjson").toString());

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("challengeShare must be between 0 and 0.5, was 0.9");
    assertThat(dir.resolve("x.ndjson")).doesNotExist();
  }

  @Test
  void refusesStreamReachingIntoTheFuture() {
    int code = radar("generate", "--start", "2099-01-01T00:00:00Z", "--out",
        dir.resolve("x.ndjson").toString());

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("start:", "after the current time");
  }
}
