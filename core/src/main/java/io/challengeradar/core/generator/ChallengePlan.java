package io.challengeradar.core.generator;

import java.time.Instant;

/**
 * One challenge as planned before the stream is written: a logistic curve of cumulative
 * participation, {@code size / (1 + exp(-rate * (t - peak)))}, and the per-hour post counts drawn
 * from it. New posts per hour are the curve's slope: they rise slowly, grow fast, peak at {@code
 * peak} and fade symmetrically. Times are seconds from the start of the stream.
 *
 * @param tag the normalised hashtag
 * @param display how participants write it in captions (CamelCase)
 * @param topic index into {@link Vocabulary#TOPICS}
 * @param musicId the challenge's own sound, or null
 * @param peakSecond when half the expected participants have posted
 * @param rate the logistic rate, per second
 * @param hourly new posts in each hour of the stream
 */
record ChallengePlan(
    String tag,
    String display,
    int topic,
    String musicId,
    double peakSecond,
    double rate,
    int[] hourly) {

  /** ln(99): the logistic takes this many 1/rate from 1% to 50%, and again from 50% to 99%. */
  static final double LN_99 = StrictMath.log(99);

  /** How hot the challenge is at second t: its current rate of new posts over its peak rate. */
  double heat(double second) {
    double s = 1.0 / (1.0 + StrictMath.exp(-rate * (second - peakSecond)));
    return 4.0 * s * (1.0 - s);
  }

  double emergenceSecond() {
    return peakSecond - LN_99 / rate;
  }

  double fadeSecond() {
    return peakSecond + LN_99 / rate;
  }

  int participants() {
    int sum = 0;
    for (int c : hourly) {
      sum += c;
    }
    return sum;
  }

  Scenario.Challenge truth(Instant start) {
    return new Scenario.Challenge(
        tag,
        Vocabulary.TOPICS.get(topic).name(),
        musicId,
        at(start, emergenceSecond()),
        at(start, peakSecond),
        at(start, fadeSecond()),
        participants());
  }

  private static Instant at(Instant start, double second) {
    return start.plusSeconds(Math.round(second));
  }
}
