package io.challengeradar.core.generator;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * How many posts of each kind fall in each hour of the stream, decided before any post is written
 * so that the stream can be produced hour by hour and the ground truth is known up front.
 * Challenge posts follow each challenge's logistic curve (Poisson noise per hour); ordinary posts
 * fill the rest of the exact post count, spread over the hours by a daily cycle with a slightly
 * busier weekend, and no trend, so ordinary tags stay flat.
 */
final class Timeline {
  /** Daily cycle: busiest at 20:00 UTC, about 0.7x the mean at 08:00. */
  private static final double DAILY_AMPLITUDE = 0.3;
  private static final int BUSIEST_HOUR = 20;
  private static final double WEEKEND_FACTOR = 1.1;
  /** The 1%-to-peak time of a challenge, as a share of the span (so small runs keep the shape). */
  private static final double MIN_RISE_SHARE = 0.06;
  private static final double MAX_RISE_SHARE = 0.11;
  private static final double MIN_RISE_SECONDS = 2 * 3600;
  /** Spread of challenge sizes: lognormal, so one or two are much larger than the rest. */
  private static final double SIZE_LOG_SIGMA = 0.5;
  private static final double OWN_SOUND_SHARE = 0.6;

  private final int hours;
  private final double[] activity;
  private final List<ChallengePlan> challenges;
  private final int[] ordinary;

  Timeline(GeneratorOptions options, Population population) {
    hours = (int) options.span().toHours();
    activity = activityByHour(options);
    challenges = planChallenges(options, population);
    ordinary = planOrdinary(options);
  }

  private double[] activityByHour(GeneratorOptions options) {
    double[] w = new double[hours];
    double sum = 0;
    for (int h = 0; h < hours; h++) {
      ZonedDateTime t = options.start().plusSeconds(h * 3600L).atZone(ZoneOffset.UTC);
      double daily = 1 + DAILY_AMPLITUDE
          * StrictMath.cos(2 * StrictMath.PI * (t.getHour() - BUSIEST_HOUR) / 24.0);
      boolean weekend = t.getDayOfWeek().getValue() >= 6;
      w[h] = daily * (weekend ? WEEKEND_FACTOR : 1.0);
      sum += w[h];
    }
    // Normalise to mean 1, so that multiplying an expected count by w[h] keeps its total.
    for (int h = 0; h < hours; h++) {
      w[h] *= hours / sum;
    }
    return w;
  }

  private List<ChallengePlan> planChallenges(GeneratorOptions options, Population population) {
    int n = options.challenges();
    Rng rng = Rng.of(options.seed(), Rng.CHALLENGES, 0);
    double spanSeconds = hours * 3600.0;
    // One challenge emerges late, still rising when the stream ends, once there are enough others
    // to show whole curves.
    boolean lateOne = n >= 4;
    int spread = lateOne ? n - 1 : n;
    List<String> firstWords = new ArrayList<>(Vocabulary.CHALLENGE_WORDS);
    double[] sizeWeights = new double[n];
    double sizeSum = 0;
    for (int i = 0; i < n; i++) {
      sizeWeights[i] = rng.lognormal(0, SIZE_LOG_SIGMA);
      sizeSum += sizeWeights[i];
    }
    double expectedTotal = options.posts() * (n == 0 ? 0 : options.challengeShare());
    List<ChallengePlan> plans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int topic = population.popularTopic(rng);
      String first = firstWords.remove(rng.nextInt(firstWords.size()));
      String second = rng.pick(Vocabulary.TOPICS.get(topic).challengeWords());
      String tag = first + second + "challenge";
      String display = capitalise(first) + capitalise(second) + "Challenge";
      String musicId = rng.chance(OWN_SOUND_SHARE) ? "m-c-" + Population.pad(i + 1, 2) : null;
      double rise = Math.max(MIN_RISE_SECONDS,
          spanSeconds * rng.uniform(MIN_RISE_SHARE, MAX_RISE_SHARE));
      double emergence = i < spread
          ? spanSeconds * (0.04 + 0.70 * (i + rng.uniform(0.15, 0.85)) / spread)
          : spanSeconds * rng.uniform(0.80, 0.86);
      double rate = ChallengePlan.LN_99 / rise;
      double peak = emergence + rise;
      double size = expectedTotal * sizeWeights[i] / sizeSum;
      int[] hourly = drawHourly(Rng.of(options.seed(), Rng.CHALLENGE_HOURS, i), size, rate, peak);
      plans.add(new ChallengePlan(tag, display, topic, musicId, peak, rate, hourly));
    }
    trimToPostCount(plans, options.posts());
    return List.copyOf(plans);
  }

  private int[] drawHourly(Rng rng, double size, double rate, double peak) {
    int[] counts = new int[hours];
    double before = cumulative(size, rate, peak, 0);
    for (int h = 0; h < hours; h++) {
      double after = cumulative(size, rate, peak, (h + 1) * 3600.0);
      counts[h] = rng.poisson((after - before) * activity[h]);
      before = after;
    }
    return counts;
  }

  private static double cumulative(double size, double rate, double peak, double second) {
    return size / (1.0 + StrictMath.exp(-rate * (second - peak)));
  }

  /**
   * Poisson noise can, in a tiny stream, draw more challenge posts than the stream holds; take the
   * excess from the busiest hours so the post count stays exact.
   */
  private void trimToPostCount(List<ChallengePlan> plans, int posts) {
    long total = 0;
    for (ChallengePlan p : plans) {
      total += p.participants();
    }
    while (total > posts) {
      int[] busiest = null;
      int at = -1;
      for (ChallengePlan p : plans) {
        for (int h = 0; h < hours; h++) {
          if (busiest == null || p.hourly()[h] > busiest[at]) {
            busiest = p.hourly();
            at = h;
          }
        }
      }
      busiest[at]--;
      total--;
    }
  }

  private int[] planOrdinary(GeneratorOptions options) {
    int challengePosts = 0;
    for (ChallengePlan p : challenges) {
      challengePosts += p.participants();
    }
    int[] counts = new int[hours];
    WeightedSampler hour = WeightedSampler.ofWeights(activity);
    Rng rng = Rng.of(options.seed(), Rng.BASE_HOURS, 0);
    for (int i = options.posts() - challengePosts; i > 0; i--) {
      counts[hour.sample(rng)]++;
    }
    return counts;
  }

  private static String capitalise(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  int hours() {
    return hours;
  }

  List<ChallengePlan> challenges() {
    return challenges;
  }

  /** Ordinary (non-challenge) posts in hour h. */
  int ordinary(int hour) {
    return ordinary[hour];
  }
}
