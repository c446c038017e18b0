package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code radar backtest}'s refusals: each is found before any server starts and ends with one
 * line naming the problem and exit 1.
 */
class BacktestCommandTest {

  @TempDir Path tmp;

  private String err;

  private int run(String... args) {
    CommandLine cli = Radar.commandLine();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(e, true));
    int exit = cli.execute(args);
    err = e.toString();
    return exit;
  }

  /** Forty posts of one day: a data set a truth rule cannot read a rise from. */
  private Path oneDay() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add("{\"type\":\"post\",\"videoId\":\"" + (1000 + i) + "\",\"authorId\":\"a" + i
          + "\",\"createdAt\":\"2024-03-01T" + String.format("%02d", i % 24)
          + ":00:00Z\",\"caption\":\"\",\"hashtags\":[\"dance\"],\"musicId\":null,"
          + "\"durationSec\":null}");
    }
    Path file = tmp.resolve("one-day.ndjson");
    Files.write(file, lines);
    return file;
  }

  @Test
  void aMissingTruthFileIsNamed() throws Exception {
    int exit = run("backtest", "--data", oneDay().toString(), "--format", "ndjson", "--truth",
        tmp.resolve("absent.csv").toString(), "--out", tmp.resolve("out").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err).startsWith("radar backtest: truth file not found: ")
        .contains("absent.csv").doesNotContain("Exception");
  }

  @Test
  void aTruthFileWithABadRowNamesItsLine() throws Exception {
    Path truth = tmp.resolve("truth.csv");
    Files.writeString(truth, "kind,tag\nhashtag,dance\nvideo,x\n");

    int exit = run("backtest", "--data", oneDay().toString(), "--format", "ndjson", "--truth",
        truth.toString(), "--out", tmp.resolve("out").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err).contains("line 3").contains("kind 'video' is neither hashtag nor sound");
  }

  @Test
  void aSingleDayCannotMakeATruthList() throws Exception {
    int exit = run("backtest", "--data", oneDay().toString(), "--format", "ndjson",
        "--out", tmp.resolve("out").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err).contains("the data spans 1 day(s) (2024-03-01)");

    exit = run("backtest", "truth", "--data", oneDay().toString(), "--format", "ndjson",
        "--out", tmp.resolve("t.csv").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err).startsWith("radar backtest truth: the data spans 1 day(s)");
    assertThat(tmp.resolve("t.csv")).doesNotExist();
  }
}
