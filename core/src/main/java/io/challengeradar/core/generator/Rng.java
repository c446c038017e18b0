package io.challengeradar.core.generator;

import java.util.List;

/**
 * A small seeded random source (SplitMix64). The generator does not use {@link java.util.Random}
 * or {@link java.util.SplittableRandom} because its promise is the same bytes for the same seed on
 * every JDK and platform: SplitMix64 is written out here, and every transcendental function goes
 * through {@link StrictMath}, whose results are fixed, rather than {@link Math}, whose may differ
 * by an ulp between platforms. Not thread-safe; each consumer owns its own instance.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  // The purposes of independent streams; see of(). Renumbering them changes every stream.
  static final long AUTHORS = 1;
  static final long CHALLENGES = 2;
  static final long CHALLENGE_HOURS = 3;
  static final long BASE_HOURS = 4;
  static final long HOUR = 5;
  static final long VIDEO = 6;
  static final long DISORDER = 7;
  static final long SOUNDS = 8;

  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /**
   * An independent stream for one purpose and index, so that (for example) the engagement series
   * of video 17 does not change when some unrelated draw is added elsewhere.
   */
  static Rng of(long seed, long purpose, long index) {
    return new Rng(mix(mix(seed ^ (purpose * GOLDEN)) + index * GOLDEN));
  }

  /** The current state; with {@link #Rng(long)} it resumes the stream exactly. */
  long state() {
    return state;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound); the bias for bounds far below 2^32 is negligible for test data. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [lo, hi). */
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Standard normal by Box-Muller (one of the pair is thrown away: simpler, fast enough). */
  double gaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1], so the log is finite
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** exp(N(mu, sigma)): the heavy-tailed size of followers, activity and reach. */
  double lognormal(double mu, double sigma) {
    return StrictMath.exp(mu + sigma * gaussian());
  }

  /** Poisson counts: exact (Knuth) for small means, normal approximation for large ones. */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian()));
    }
    double limit = StrictMath.exp(-mean);
    double p = nextDouble();
    int k = 0;
    while (p > limit) {
      p *= nextDouble();
      k++;
    }
    return k;
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }
}
