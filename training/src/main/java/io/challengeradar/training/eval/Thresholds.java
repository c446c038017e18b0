package io.challengeradar.training.eval;

import java.util.function.ToDoubleFunction;

/** Picks a decision threshold on validation scores (never on test rows). */
public final class Thresholds {

  private Thresholds() {}

  /**
   * The threshold among 0.02, 0.04, ..., 0.98 that maximises {@code objective}; among equal
   * values the one nearest 0.5, so a validation share that every threshold separates perfectly
   * does not push the cut to an extreme.
   */
  public static double best(float[] scores, float[] labels, ToDoubleFunction<Confusion> objective) {
    double best = 0.5;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int k = 1; k < 50; k++) {
      double t = k / 50.0;
      double v = objective.applyAsDouble(Confusion.of(scores, labels, t));
      if (v > bestValue + 1e-12
          || (Math.abs(v - bestValue) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        bestValue = v;
        best = t;
      }
    }
    return best;
  }
}
