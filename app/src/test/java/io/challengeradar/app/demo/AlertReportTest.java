package io.challengeradar.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.results.PipelineResults.Alert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertReportTest {
  static final Instant DAY = Instant.parse("2021-03-02T00:00:00Z");

  static String challenges(List<Alert> alerts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AlertReport.printChallenges(new PrintStream(bytes, true, StandardCharsets.UTF_8), alerts);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void showsOneLinePerChallengeWithItsCurrentStageAndEvidence() {
    String table = challenges(List.of(
        new Alert("hashtag", "dance", "EMERGING", DAY, 1, 6.0, 0.05, 0.004, 14),
        new Alert("hashtag", "dance", "PEAKED", DAY.plusSeconds(7200), 1, 9.5, 0.12, 0.006, 40),
        new Alert("hashtag", "crocs", "EMERGING", DAY.plusSeconds(3600), 1, 5.2, 0.03, 0.002, 11)));

    List<String> rows = table.lines().filter(l -> l.startsWith("hashtag:")).toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).startsWith("hashtag:dance").contains("PEAKED", "9.5", "12.00%",
        "0.600%", "40");
    assertThat(rows.get(1)).startsWith("hashtag:crocs").contains("EMERGING", "5.2");
  }

  @Test
  void aNewCycleIsTheCurrentOneEvenWithALowerScore() {
    String table = challenges(List.of(
        new Alert("hashtag", "dance", "FADING", DAY, 1, 9.0, 0.01, 0.01, 50),
        new Alert("hashtag", "dance", "EMERGING", DAY.plusSeconds(86_400), 2, 4.5, 0.04, 0.01,
            12)));

    assertThat(table.lines().filter(l -> l.startsWith("hashtag:"))).singleElement()
        .satisfies(row -> assertThat(row).contains("EMERGING", "    2 "));
  }

  @Test
  void saysSoWhenThereIsNoChallenge() {
    assertThat(challenges(List.of())).contains("(no challenges)");
  }
}
