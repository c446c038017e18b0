package io.challengeradar.flink.intel;

/**
 * A challenge representation in state: the sum of its videos' caption embeddings and how many
 * there are. Constant size per tag however many videos it has; sums in doubles so that millions
 * of additions do not drift.
 */
public record RunningMean(double[] sum, long count) {

  public static RunningMean of(float[] first) {
    double[] sum = new double[first.length];
    for (int i = 0; i < first.length; i++) {
      sum[i] = first[i];
    }
    return new RunningMean(sum, 1);
  }

  /** This plus one vector; a vector of another size is refused (another encoder's output). */
  public RunningMean plus(float[] v) {
    if (v.length != sum.length) {
      throw new IllegalArgumentException("embedding has " + v.length
          + " dimensions, the representation " + sum.length);
    }
    double[] next = sum.clone();
    for (int i = 0; i < v.length; i++) {
      next[i] += v[i];
    }
    return new RunningMean(next, count + 1);
  }

  public float[] mean() {
    return Embeddings.divide(sum, count);
  }
}
