package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import java.io.Serializable;

/**
 * How a tag's new participants are measured against its own past (see
 * {@link io.challengeradar.flink.ops.SurgeMeter}).
 *
 * @param recentWindows windows summed into the recent new participants
 * @param baselineWindows horizon, in windows, of the moving average that is the tag's baseline
 * @param baselineFloor least baseline, in new participants per window
 */
public record SurgeSettings(int recentWindows, int baselineWindows, double baselineFloor)
    implements Serializable {

  public static final Option<Integer> RECENT_WINDOWS = Option.key("trend.recent-windows")
      .intType().defaultValue(12).positive()
      .description("A tag's surge: its new participants in the last recent-windows windows (this"
          + " one included) over what it usually gets in as many windows. Nothing surges before"
          + " the tag has this many windows of history.");
  public static final Option<Integer> BASELINE_WINDOWS = Option.key("trend.baseline-windows")
      .intType().defaultValue(24).positive()
      .description("Horizon, in windows, of the moving average of new participants per window"
          + " before the recent span: the tag's baseline.");
  public static final Option<Double> BASELINE_FLOOR = Option.key("trend.baseline-floor")
      .doubleType().defaultValue(1.0).positive()
      .description("Least baseline, in new participants per window, so that a tag from nothing"
          + " does not surge on one participant.");

  public static SurgeSettings from(Config c) {
    return new SurgeSettings(c.get(RECENT_WINDOWS), c.get(BASELINE_WINDOWS), c.get(BASELINE_FLOOR));
  }
}
