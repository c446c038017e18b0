package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.deadletters.DeadLetterReplay.Skip;
import io.challengeradar.flink.deadletters.DeadLetterReplay.Summary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeadLettersCommandTest {

  @Test
  void saysWhatItFoundResubmittedAndSkippedAndWhy() {
    Map<String, Long> to = new LinkedHashMap<>();
    to.put("kafka:radar.posts", 8L);
    to.put("file:late.ndjson", 2L);
    Summary s = new Summary(12, 10, to, Map.of(Skip.ALREADY_REPLAYED, 2L), false);

    assertThat(DeadLettersCommand.Replay.describe("late",
        Instant.parse("2026-03-01T00:00:00Z"), null, s))
        .isEqualTo("deadletters replay --reason late refused in [2026-03-01T00:00:00Z, ...):"
            + " found 12, re-submitted 10 (8 to kafka:radar.posts, 2 to file:late.ndjson),"
            + " skipped 2: 2 already replayed");
  }

  @Test
  void saysADryRunWouldResubmit() {
    Summary s = new Summary(1, 1, Map.of("kafka:radar.posts", 1L), Map.of(), true);

    assertThat(DeadLettersCommand.Replay.describe("invalid", null, null, s))
        .isEqualTo("deadletters replay --reason invalid (dry run): found 1, would re-submit 1"
            + " (1 to kafka:radar.posts), skipped 0");
  }

  @Test
  void refusesToRunWithoutAReason() {
    CommandLine cli = Radar.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("deadletters", "replay", "--from", "2026-03-01T00:00:00Z"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--reason");
  }
}
