package io.challengeradar.training.nn;

/**
 * Per-column z-scoring learned on training rows. It is folded into the first layer of the exported
 * head, so the served head takes raw features and no caller has to know the means.
 */
public final class Standardizer {

  private final float[] mean;
  private final float[] scale;

  private Standardizer(float[] mean, float[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  /** Means and standard deviations of {@code rows}; a constant column keeps a scale of 1. */
  public static Standardizer fit(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    int d = rows[0].length;
    double[] sum = new double[d];
    double[] sq = new double[d];
    for (float[] r : rows) {
      for (int i = 0; i < d; i++) {
        sum[i] += r[i];
        sq[i] += (double) r[i] * r[i];
      }
    }
    float[] mean = new float[d];
    float[] scale = new float[d];
    for (int i = 0; i < d; i++) {
      double m = sum[i] / rows.length;
      double var = Math.max(0, sq[i] / rows.length - m * m);
      mean[i] = (float) m;
      scale[i] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
    }
    return new Standardizer(mean, scale);
  }

  public static Standardizer identity(int dim) {
    float[] ones = new float[dim];
    java.util.Arrays.fill(ones, 1f);
    return new Standardizer(new float[dim], ones);
  }

  public float meanOf(int column) {
    return mean[column];
  }

  public float scaleOf(int column) {
    return scale[column];
  }

  public int dimension() {
    return mean.length;
  }

  public float[] apply(float[] row) {
    float[] out = new float[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = (row[i] - mean[i]) / scale[i];
    }
    return out;
  }

  public float[][] apply(float[][] rows) {
    float[][] out = new float[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      out[r] = apply(rows[r]);
    }
    return out;
  }

  /**
   * The first layer rewritten to take raw inputs: {@code W (x - m) / s + b = (W / s) x + (b - W m / s)}.
   */
  public Layer foldInto(Layer first) {
    float[][] w = new float[first.weights().length][];
    float[] b = new float[first.bias().length];
    for (int o = 0; o < w.length; o++) {
      float[] row = first.weights()[o];
      w[o] = new float[row.length];
      double shift = 0;
      for (int i = 0; i < row.length; i++) {
        w[o][i] = row[i] / scale[i];
        shift += (double) row[i] * mean[i] / scale[i];
      }
      b[o] = (float) (first.bias()[o] - shift);
    }
    return new Layer(w, b, first.activation());
  }
}
