package io.challengeradar.core.generator;

import java.util.Arrays;

/**
 * Draws indices in proportion to fixed weights: cumulative sums and a binary search, so a draw is
 * O(log n) and building is O(n). Used for authors by activity, topics by popularity and sounds by
 * rank.
 */
final class WeightedSampler {
  private final int[] items;
  private final double[] cumulative;

  /** Samples {@code items[i]} with weight {@code weights[i]}; weights must be positive. */
  WeightedSampler(int[] items, double[] weights) {
    if (items.length != weights.length || items.length == 0) {
      throw new IllegalArgumentException(
          "need as many weights as items, and at least one: items=" + items.length
              + ", weights=" + weights.length);
    }
    this.items = items.clone();
    this.cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] > 0)) {
        throw new IllegalArgumentException("weights[" + i + "] must be positive, was " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
  }

  /** Samples {@code 0..weights.length-1}. */
  static WeightedSampler ofWeights(double[] weights) {
    int[] items = new int[weights.length];
    Arrays.setAll(items, i -> i);
    return new WeightedSampler(items, weights);
  }

  int size() {
    return items.length;
  }

  int sample(Rng rng) {
    double target = rng.nextDouble() * cumulative[cumulative.length - 1];
    int at = Arrays.binarySearch(cumulative, target);
    // binarySearch gives -(insertion point) - 1 when not found: the first cumulative sum above.
    int index = at >= 0 ? Math.min(at + 1, cumulative.length - 1) : -at - 1;
    return items[index];
  }
}
