package io.challengeradar.app.bench;

import java.util.Arrays;
import java.util.Locale;

/** Medians for noisy machines: a few repeats, the middle value. */
final class Stats {
  private Stats() {}

  /** One measured run of a benchmark: returns its rate. */
  @FunctionalInterface
  interface RateRun {
    double once() throws Exception;
  }

  /**
   * A warm-up run (JIT, page cache, index creation), then {@code repeats} runs, each printed on
   * stderr as it ends; the median rate.
   */
  static double medianRate(String what, int repeats, RateRun run) throws Exception {
    run.once();
    return median(what, repeats, run);
  }

  /** {@code repeats} runs with no warm-up (each warms up on its own), printed; the median. */
  static double median(String what, int repeats, RateRun run) throws Exception {
    double[] rates = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      rates[i] = run.once();
      System.err.printf(Locale.ROOT, "%s: run %d/%d %,.0f/s%n", what, i + 1, repeats, rates[i]);
    }
    return median(rates);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
