package io.challengeradar.training.nn;

/**
 * Per-column z-scoring learned on training rows. It is folded into the first layer of the exported
 * head, so the served head takes raw features and no caller has to know the means.
 *
 * <p>A column that is constant in the training rows maps to 0 whatever its value, and its weights
 * fold to 0: training gives its weights no gradient (its input is 0 on every row), so they are
 * what the initialisation left, and a head must not apply them to a value it never saw (a
 * feature that is always 0 in training, such as an author history no training row has, would
 * otherwise move the score by random weights at test time).
 */
public final class Standardizer {

  private final float[] mean;
  private final float[] scale;
  private final boolean[] constant;

  private Standardizer(float[] mean, float[] scale, boolean[] constant) {
    this.mean = mean;
    this.scale = scale;
    this.constant = constant;
  }

  /**
   * Means and standard deviations of {@code rows}; a constant column keeps a scale of 1 and is
   * marked {@link #isConstant constant}.
   */
  public static Standardizer fit(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    int d = rows[0].length;
    double[] sum = new double[d];
    double[] sq = new double[d];
    boolean[] constant = new boolean[d];
    java.util.Arrays.fill(constant, true);
    for (float[] r : rows) {
      for (int i = 0; i < d; i++) {
        sum[i] += r[i];
        sq[i] += (double) r[i] * r[i];
        constant[i] &= r[i] == rows[0][i];
      }
    }
    float[] mean = new float[d];
    float[] scale = new float[d];
    for (int i = 0; i < d; i++) {
      double m = sum[i] / rows.length;
      double var = Math.max(0, sq[i] / rows.length - m * m);
      mean[i] = (float) m;
      // Exactly equal values, or a spread that is only rounding: either way no signal to learn.
      constant[i] |= var <= 1e-12;
      scale[i] = constant[i] ? 1f : (float) Math.sqrt(var);
    }
    return new Standardizer(mean, scale, constant);
  }

  public static Standardizer identity(int dim) {
    float[] ones = new float[dim];
    java.util.Arrays.fill(ones, 1f);
    return new Standardizer(new float[dim], ones, new boolean[dim]);
  }

  /** Whether {@code column} had one value on every row it was fitted on. */
  public boolean isConstant(int column) {
    return constant[column];
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
      out[i] = constant[i] ? 0f : (row[i] - mean[i]) / scale[i];
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
   * The first layer rewritten to take raw inputs: {@code W (x - m) / s + b = (W / s) x + (b - W m / s)},
   * with the weights of a constant column set to 0 (its standardised input is always 0).
   */
  public Layer foldInto(Layer first) {
    float[][] w = new float[first.weights().length][];
    float[] b = new float[first.bias().length];
    for (int o = 0; o < w.length; o++) {
      float[] row = first.weights()[o];
      w[o] = new float[row.length];
      double shift = 0;
      for (int i = 0; i < row.length; i++) {
        if (constant[i]) {
          continue;
        }
        w[o][i] = row[i] / scale[i];
        shift += (double) row[i] * mean[i] / scale[i];
      }
      b[o] = (float) (first.bias()[o] - shift);
    }
    return new Layer(w, b, first.activation());
  }
}
