package io.challengeradar.flink.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.SurgeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's grid: every span that counts windows means the same time at every window length. */
class BacktestGridTest {

  private static final List<Option<?>> SPANS = List.of(PipelineOptions.WINDOW_SIZE,
      SurgeSettings.RECENT_WINDOWS, SurgeSettings.BASELINE_WINDOWS, SurgeSettings.WARMUP_WINDOWS,
      CepThresholds.EMERGING_WINDOWS, CepThresholds.ACCELERATING_WINDOWS);

  private static Duration span(Backtest.Setting s, Option<Integer> windows) {
    return s.window().multipliedBy(s.config().get(windows));
  }

  @Test
  void everyCellScalesItsWarmUpAndBaselineWithItsWindow() {
    List<Backtest.Setting> grid = Backtest.grid(JobConfig.loader().load());

    assertThat(grid).hasSize(6);
    for (Backtest.Setting s : grid) {
      Duration baseline = span(s, SurgeSettings.BASELINE_WINDOWS);
      assertThat(baseline).isIn(Duration.ofDays(1), Duration.ofDays(4));
      assertThat(s.name()).contains(baseline.toDays() + "d baseline");
      // Half the baseline, rounded up to a whole window: never 12 days at daily windows.
      assertThat(span(s, SurgeSettings.WARMUP_WINDOWS))
          .isBetween(baseline.dividedBy(2), baseline.dividedBy(2).plus(s.window()));
      assertThat(span(s, SurgeSettings.RECENT_WINDOWS)).isBetween(Duration.ofHours(6),
          Duration.ofDays(1));
      assertThat(span(s, CepThresholds.EMERGING_WINDOWS)).isBetween(Duration.ofHours(2),
          Duration.ofDays(1));
    }
  }

  @Test
  void theHourlyOneDayCellIsTheShippedDefaultsAndThe12HourFourDayCellTheReplayFile() {
    Config defaults = JobConfig.loader().load();
    List<Backtest.Setting> grid = Backtest.grid(defaults);
    Config replays12h = JobConfig.loader()
        .file(Path.of("..", "docs", "replays-12h.properties")).load();

    for (Option<?> o : SPANS) {
      assertThat(grid.get(0).config().get(o)).as(o.key()).isEqualTo(defaults.get(o));
      assertThat(grid.get(3).config().get(o)).as(o.key()).isEqualTo(replays12h.get(o));
    }
  }
}
