package io.challengeradar.flink;

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

  public static final double DEFAULT_MIN_SURGE = 2.6;
  public static final int DEFAULT_EMERGING_WINDOWS = 2;
  public static final int DEFAULT_ACCELERATING_WINDOWS = 2;
  public static final double DEFAULT_ACCELERATING_MIN_FACTOR = 1.5;
  public static final long DEFAULT_ACCELERATING_MIN_NEW_PARTICIPANTS = 10;
  public static final long DEFAULT_PEAKED_MIN_PARTICIPANTS = 10;
  public static final double DEFAULT_PEAKED_MIN_DROP = 0.3;
  public static final int DEFAULT_FADING_WINDOWS = 3;
  public static final double DEFAULT_FADING_MIN_DECLINE = 0.2;
  public static final long DEFAULT_FADING_MIN_CUMULATIVE_PARTICIPANTS = 20;

  public CepThresholds {
    if (!(minSurge > 1.0)) {
      throw new IllegalArgumentException("minSurge must be above 1, was " + minSurge);
    }
    positive("emergingWindows", emergingWindows);
    positive("acceleratingWindows", acceleratingWindows);
    if (!(acceleratingMinFactor > 1.0)) {
      throw new IllegalArgumentException(
          "acceleratingMinFactor must be above 1, was " + acceleratingMinFactor);
    }
    positive("acceleratingMinNewParticipants", acceleratingMinNewParticipants);
    positive("peakedMinParticipants", peakedMinParticipants);
    fraction("peakedMinDrop", peakedMinDrop);
    positive("fadingWindows", fadingWindows);
    fraction("fadingMinDecline", fadingMinDecline);
    notNegative("fadingMinCumulativeParticipants", fadingMinCumulativeParticipants);
  }

  public static CepThresholds defaults() {
    return new CepThresholds(
        DEFAULT_MIN_SURGE, DEFAULT_EMERGING_WINDOWS, DEFAULT_ACCELERATING_WINDOWS,
        DEFAULT_ACCELERATING_MIN_FACTOR, DEFAULT_ACCELERATING_MIN_NEW_PARTICIPANTS,
        DEFAULT_PEAKED_MIN_PARTICIPANTS, DEFAULT_PEAKED_MIN_DROP, DEFAULT_FADING_WINDOWS,
        DEFAULT_FADING_MIN_DECLINE, DEFAULT_FADING_MIN_CUMULATIVE_PARTICIPANTS);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void notNegative(String name, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(name + " must be zero or more, was " + value);
    }
  }

  private static void fraction(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 (exclusive), was " + value);
    }
  }
}
