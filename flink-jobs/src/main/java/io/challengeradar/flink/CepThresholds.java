package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import java.io.Serializable;

/**
 * The thresholds of the four lifecycle patterns and of the lifecycle that orders their alerts
 * (docs/detection.md, "Method").
 *
 * @param minScore least score (see {@link io.challengeradar.flink.ops.ShareMeter}) of a surging
 *     window
 * @param minLift least share over baseline share of a surging window
 * @param minNewParticipants least new participants (authors new to the tag, so distinct authors)
 *     in the recent span of a surging window
 * @param emergingWindows EMERGING: surging windows in a row
 * @param acceleratingWindows ACCELERATING: surging windows in a row whose share rises
 * @param acceleratingMinFactor ACCELERATING: least factor of share over the previous window's
 * @param acceleratingMinNewParticipants ACCELERATING: least new participants of each window
 * @param peakedMinParticipants PEAKED: least new participants of the peak window (which surges)
 * @param peakedMinDrop PEAKED: least fraction the next window's share falls by
 * @param fadingWindows FADING: windows in a row that no longer surge and run well below the
 *     tag's peak recent share, after the tag surged
 * @param fadingMaxShareOfPeak FADING: most recent share of each of those windows, as a fraction
 *     of the tag's peak recent share
 * @param fadingMinCumulativeParticipants FADING: only tags with at least this many participants
 * @param maxDelayWindows how many windows a match may wait for its turn in the lifecycle
 */
public record CepThresholds(
    double minScore,
    double minLift,
    long minNewParticipants,
    int emergingWindows,
    int acceleratingWindows,
    double acceleratingMinFactor,
    long acceleratingMinNewParticipants,
    long peakedMinParticipants,
    double peakedMinDrop,
    int fadingWindows,
    double fadingMaxShareOfPeak,
    long fadingMinCumulativeParticipants,
    int maxDelayWindows)
    implements Serializable {

  public static final Option<Double> MIN_SCORE = Option.key("cep.min-score").doubleType()
      .defaultValue(5.0).positive()
      .description("A window surges when the tag's new participants score at least this against"
          + " its baseline share times the window volume (signed Poisson deviance, about a"
          + " z-score), and min-lift and min-new-participants hold too. Every stage but FADING"
          + " asks for surging windows; FADING asks for a surge in the tag's recent past.");
  public static final Option<Double> MIN_LIFT = Option.key("cep.min-lift").doubleType()
      .defaultValue(3.0).check(v -> v > 1.0, "must be above 1")
      .description("A surging window's share is at least this many times the tag's baseline"
          + " share: a tag with a high, stable share (fyp, viral) cannot multiply it, however"
          + " large its counts and score.");
  public static final Option<Long> MIN_NEW_PARTICIPANTS =
      Option.key("cep.min-new-participants").longType().defaultValue(10L).positive()
          .description("A surging window has at least this many new participants in its recent"
              + " span (trend.recent-windows): authors new to the tag, so distinct authors; one"
              + " author posting hundreds of times counts once.");
  public static final Option<Integer> EMERGING_WINDOWS = Option.key("cep.emerging.windows")
      .intType().defaultValue(2).positive()
      .description("EMERGING: this many surging windows in a row.");
  public static final Option<Integer> ACCELERATING_WINDOWS =
      Option.key("cep.accelerating.windows").intType().defaultValue(2).positive()
          .description("ACCELERATING: this many surging windows in a row whose recent share is >="
              + " min-factor times the previous window's, each with >= min-new-participants in"
              + " the recent span.");
  public static final Option<Double> ACCELERATING_MIN_FACTOR =
      Option.key("cep.accelerating.min-factor").doubleType().defaultValue(1.1)
          .check(v -> v >= 1.0, "must be at least 1")
          .description("ACCELERATING: least factor of a window's recent share over the previous"
              + " window's.");
  public static final Option<Long> ACCELERATING_MIN_NEW =
      Option.key("cep.accelerating.min-new-participants").longType().defaultValue(15L)
          .positive().description("ACCELERATING: least new participants of each window's recent"
              + " span.");
  public static final Option<Long> PEAKED_MIN_PARTICIPANTS =
      Option.key("cep.peaked.min-peak-participants").longType().defaultValue(10L).positive()
          .description("PEAKED: least new participants of the peak window (which surges).");
  public static final Option<Double> PEAKED_MIN_DROP = Option.key("cep.peaked.min-drop")
      .doubleType().defaultValue(0.3).check(v -> v > 0 && v < 1, "must be between 0 and 1")
      .description("PEAKED: least fraction the next window's share falls by from the peak's.");
  public static final Option<Integer> FADING_WINDOWS = Option.key("cep.fading.windows")
      .intType().defaultValue(3).positive()
      .description("FADING: this many windows in a row that no longer surge and whose recent"
          + " share is at most max-share-of-peak times the tag's peak recent share, for tags that"
          + " surged in their current cycle (its peak is held until it has faded).");
  public static final Option<Double> FADING_MAX_SHARE_OF_PEAK =
      Option.key("cep.fading.max-share-of-peak").doubleType().defaultValue(0.5)
          .check(v -> v > 0 && v < 1, "must be between 0 and 1")
          .description("FADING: each of its windows has a recent share (trend.recent-windows) of"
              + " at most this fraction of the tag's peak recent share (the highest since it"
              + " surged, held for as long as its cycle lasts, however long it holds a plateau)."
              + " A tag whose share still climbs, or"
              + " dips for a window, while its baseline catches up and its score falls under"
              + " min-score, is not fading: only a clear fall from its peak is.");
  public static final Option<Long> FADING_MIN_CUMULATIVE =
      Option.key("cep.fading.min-cumulative-participants").longType().defaultValue(20L)
          .notNegative()
          .description("FADING: only tags with at least this many participants in all.");
  public static final Option<Integer> MAX_DELAY_WINDOWS = Option.key("cep.max-delay-windows")
      .intType().defaultValue(3).notNegative()
      .description("The lifecycle raises at most one stage per tag and window, in order; a match"
          + " that must wait for its turn (two stages matched in one window) is raised in a later"
          + " window, or dropped after this many.");

  public static CepThresholds defaults() {
    return from(Config.defaults(PipelineOptions.GROUP));
  }

  public static CepThresholds from(Config c) {
    return new CepThresholds(c.get(MIN_SCORE), c.get(MIN_LIFT), c.get(MIN_NEW_PARTICIPANTS),
        c.get(EMERGING_WINDOWS), c.get(ACCELERATING_WINDOWS), c.get(ACCELERATING_MIN_FACTOR),
        c.get(ACCELERATING_MIN_NEW), c.get(PEAKED_MIN_PARTICIPANTS), c.get(PEAKED_MIN_DROP),
        c.get(FADING_WINDOWS), c.get(FADING_MAX_SHARE_OF_PEAK), c.get(FADING_MIN_CUMULATIVE), c.get(MAX_DELAY_WINDOWS));
  }
}
