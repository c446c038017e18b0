package io.challengeradar.flink;

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

  public static final int DEFAULT_RECENT_WINDOWS = 12;
  public static final int DEFAULT_BASELINE_WINDOWS = 24;
  public static final double DEFAULT_BASELINE_FLOOR = 1.0;

  public SurgeSettings {
    if (recentWindows <= 0) {
      throw new IllegalArgumentException(
          "trend.recent-windows must be positive, was " + recentWindows);
    }
    if (baselineWindows <= 0) {
      throw new IllegalArgumentException(
          "trend.baseline-windows must be positive, was " + baselineWindows);
    }
    if (!(baselineFloor > 0)) {
      throw new IllegalArgumentException(
          "trend.baseline-floor must be above 0, was " + baselineFloor);
    }
  }

  public static SurgeSettings defaults() {
    return new SurgeSettings(
        DEFAULT_RECENT_WINDOWS, DEFAULT_BASELINE_WINDOWS, DEFAULT_BASELINE_FLOOR);
  }
}
