package io.challengeradar.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.backtest.Backtest;
import io.challengeradar.flink.backtest.Score;
import io.challengeradar.flink.backtest.TagKey;
import io.challengeradar.flink.backtest.TruthEntry;
import io.challengeradar.flink.results.PipelineResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestReportTest {
  static final Instant PEAK = Instant.parse("2021-04-09T00:00:00Z");
  static final TagKey CROCS = new TagKey("hashtag", "getcrocd");

  static Score score(String detector, Instant first, double lead) {
    Score.Row row = new Score.Row(CROCS, first, first == null ? null : "EMERGING", PEAK, 10,
        first == null ? null : lead, List.of());
    return new Score(detector, List.of(row), List.of(), 1.0, 1.0, 0.004, lead, lead + 3, 1.0);
  }

  @Test
  void theSweepPrintsEveryNikolovShahMeasurePerSettingForBothDetectors() {
    PipelineResults results = new PipelineResults(10, 0, 0, 5, 3, 0, 2, 1, List.of());
    List<Backtest.Setting> grid = Backtest.grid(JobConfig.loader().load());
    List<Backtest.Result> rows = List.of(
        new Backtest.Result(grid.get(0), score("radar", PEAK.minusSeconds(7200), 2.0),
            score("naive", null, Double.NaN), results, List.of(), 1),
        new Backtest.Result(grid.get(3), score("radar", PEAK.minusSeconds(43_200), 12.0),
            score("naive", PEAK, 0.0), results, List.of(), 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    BacktestReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new BacktestRun.Outcome("test data", "a list", List.of(TruthEntry.of("hashtag",
            "getcrocd")), rows));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("mean h", "early", "FPR"));
    assertThat(lines).filteredOn(l -> l.startsWith("12h windows, 4d baseline")).singleElement()
        // radar: median +12.0 h, mean +15.0 h; naive: median and mean +0.0 h, 3.0 h more mean.
        .satisfies(l -> assertThat(l).contains("0.004", "+12.0", "+15.0", "+0.0", "+3.0"));
    assertThat(lines).filteredOn(l -> l.startsWith("1h windows, 1d baseline")).singleElement()
        .satisfies(l -> assertThat(l).contains("+2.0", "+5.0"));
  }
}
