package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;

import java.io.Serializable;

/**
 * The thresholds of the four lifecycle patterns (see docs/pipeline.md for the rules).
 *
 * @param minSurge least surge (recent new participants over the tag's own baseline, see
 *     {@link io.challengeradar.flink.ops.SurgeMeter}) that counts as a tag running above its
 *     usual rate; every stage asks for it, so a steady tag raises none
 * @param emergingWindows EMERGING: windows in a row that must surge
 * @param acceleratingWindows ACCELERATING: windows in a row whose new participants multiply
 * @param acceleratingMinFactor ACCELERATING: least factor of new participants over the previous
 * @param acceleratingMinNewParticipants ACCELERATING: least new participants of each window
 * @param peakedMinParticipants PEAKED: least new participants of the peak window (which surges)
 * @param peakedMinDrop PEAKED: least fraction the next window's new participants fall by
 * @param fadingWindows FADING: windows in a row that decline, shortly after the tag surged
 * @param fadingMinDecline FADING: least fraction each of those falls by
 * @param fadingMinCumulativeParticipants FADING: only tags that had at least this many participants
 */
public record CepThresholds(
    double minSurge,
    int emergingWindows,
    int acceleratingWindows,
    double acceleratingMinFactor,
    long acceleratingMinNewParticipants,
    long peakedMinParticipants,
    double peakedMinDrop,
    int fadingWindows,
    double fadingMinDecline,
    long fadingMinCumulativeParticipants)
    implements Serializable {

  public static final Option<Double> MIN_SURGE = Option.key("cep.min-surge").doubleType()
      .defaultValue(2.6).check(v -> v > 1.0, "must be above 1")
      .description("Every stage asks for a surge of at least this (FADING: within the tag's"
          + " recent past), so a steady tag, however big, raises no alert. Chosen on the generator"
          + " at hourly windows: see docs/replays.md, \"Tuning on the generator\".");
  public static final Option<Integer> EMERGING_WINDOWS = Option.key("cep.emerging.windows")
      .intType().defaultValue(2).positive()
      .description("EMERGING: this many surging windows in a row.");
  public static final Option<Integer> ACCELERATING_WINDOWS =
      Option.key("cep.accelerating.windows").intType().defaultValue(2).positive()
          .description("ACCELERATING: this many surging windows in a row whose new participants"
              + " are >= min-factor times the previous window's, each with >="
              + " min-new-participants.");
  public static final Option<Double> ACCELERATING_MIN_FACTOR =
      Option.key("cep.accelerating.min-factor").doubleType().defaultValue(1.5)
          .check(v -> v > 1.0, "must be above 1")
          .description("ACCELERATING: least factor of new participants over the previous"
              + " window's.");
  public static final Option<Long> ACCELERATING_MIN_NEW =
      Option.key("cep.accelerating.min-new-participants").longType().defaultValue(10L)
          .positive().description("ACCELERATING: least new participants of each window.");
  public static final Option<Long> PEAKED_MIN_PARTICIPANTS =
      Option.key("cep.peaked.min-peak-participants").longType().defaultValue(10L).positive()
          .description("PEAKED: least new participants of the peak window (which surges).");
  public static final Option<Double> PEAKED_MIN_DROP = Option.key("cep.peaked.min-drop")
      .doubleType().defaultValue(0.3).check(v -> v > 0 && v < 1, "must be between 0 and 1")
      .description("PEAKED: least fraction the next window's new participants fall by from the"
          + " peak.");
  public static final Option<Integer> FADING_WINDOWS = Option.key("cep.fading.windows")
      .intType().defaultValue(3).positive()
      .description("FADING: this many windows in a row whose new participants each fall by >="
          + " min-decline from the previous window, for tags that surged within the last"
          + " recent-windows + baseline-windows windows.");
  public static final Option<Double> FADING_MIN_DECLINE = Option.key("cep.fading.min-decline")
      .doubleType().defaultValue(0.2).check(v -> v > 0 && v < 1, "must be between 0 and 1")
      .description("FADING: least fraction each of those windows falls by.");
  public static final Option<Long> FADING_MIN_CUMULATIVE =
      Option.key("cep.fading.min-cumulative-participants").longType().defaultValue(20L)
          .notNegative()
          .description("FADING: only tags with at least this many participants in all.");

  public static CepThresholds defaults() {
    return from(Config.defaults(PipelineOptions.GROUP));
  }

  public static CepThresholds from(Config c) {
    return new CepThresholds(c.get(MIN_SURGE), c.get(EMERGING_WINDOWS),
        c.get(ACCELERATING_WINDOWS), c.get(ACCELERATING_MIN_FACTOR), c.get(ACCELERATING_MIN_NEW),
        c.get(PEAKED_MIN_PARTICIPANTS), c.get(PEAKED_MIN_DROP), c.get(FADING_WINDOWS),
        c.get(FADING_MIN_DECLINE), c.get(FADING_MIN_CUMULATIVE));
  }
}
