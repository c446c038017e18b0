package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import java.io.Serializable;

/**
 * How a tag's share of a window's new participants is measured against the share it usually has
 * (see {@link io.challengeradar.flink.ops.ShareMeter} and docs/detection.md, "Method").
 *
 * @param recentWindows windows (this one included) whose new participants and volumes are summed
 *     into the recent share and the score; older ones make the baseline
 * @param baselineWindows horizon, in windows, of the moving baseline
 * @param warmupWindows windows from the stream's first during which no tag can surge
 * @param priorWindows weight of the population prior in a tag's baseline, in window volumes
 * @param priorShareScale the prior share is this over the number of tags active in the window
 */
public record SurgeSettings(
    int recentWindows,
    int baselineWindows,
    int warmupWindows,
    double priorWindows,
    double priorShareScale)
    implements Serializable {

  public static final Option<Integer> RECENT_WINDOWS = Option.key("trend.recent-windows")
      .intType().defaultValue(6).positive()
      .description("The recent span: a tag's new participants and the window volumes of its last"
          + " this many windows (this one included) are summed into its recent share and score;"
          + " only older windows make its baseline, so a surge is measured against the tag's past"
          + " rather than against itself.");
  public static final Option<Integer> BASELINE_WINDOWS = Option.key("trend.baseline-windows")
      .intType().defaultValue(24).positive()
      .description("Horizon, in windows, of the moving baseline: the tag's new participants and"
          + " the window volumes they were part of, each summed with weight (1 - 1/n) per window"
          + " of age; the baseline share is their ratio.");
  public static final Option<Integer> WARMUP_WINDOWS = Option.key("trend.warmup-windows")
      .intType().defaultValue(12).notNegative()
      .description("No tag can surge in the stream's first this many windows (its score is 0):"
          + " every tag is new when the stream starts, and the baselines fill here. A tag first"
          + " seen after them is new to the data and starts from the population prior.");
  public static final Option<Double> PRIOR_WINDOWS = Option.key("trend.prior-windows")
      .doubleType().defaultValue(2.0).positive()
      .description("Weight of the population prior in a tag's baseline share, in volumes of the"
          + " current window: a tag without history is expected to have the prior share, and its"
          + " own past outweighs the prior once it spans more than this many windows' volume.");
  public static final Option<Double> PRIOR_SHARE_SCALE = Option.key("trend.prior-share-scale")
      .doubleType().defaultValue(0.2).positive()
      .description("The prior share of a tag is this over the number of tags (of its kind) with"
          + " new participants in the window: below 1, a new tag is expected to be rarer than an"
          + " average tag of the population (most tags are far below the average).");

  public static SurgeSettings from(Config c) {
    return new SurgeSettings(c.get(RECENT_WINDOWS), c.get(BASELINE_WINDOWS),
        c.get(WARMUP_WINDOWS), c.get(PRIOR_WINDOWS), c.get(PRIOR_SHARE_SCALE));
  }
}
