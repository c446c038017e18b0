package io.challengeradar.training.nn;

/**
 * One dense layer as the serving tier's {@code head.json} stores it: one weight row per output unit.
 */
public record Layer(float[][] weights, float[] bias, String activation) {

  public Layer {
    if (weights.length != bias.length) {
      throw new IllegalArgumentException(
          "weights has " + weights.length + " rows but bias has " + bias.length + " values");
    }
  }

  public int inputs() {
    return weights.length == 0 ? 0 : weights[0].length;
  }

  public int outputs() {
    return bias.length;
  }

  /** This layer's output for one input, computed exactly as the serving tier's {@code MlpHead} does. */
  public float[] apply(float[] x) {
    float[] y = new float[outputs()];
    for (int o = 0; o < y.length; o++) {
      double s = bias[o];
      float[] row = weights[o];
      for (int i = 0; i < x.length; i++) {
        s += row[i] * x[i];
      }
      y[o] = (float) activate(activation, s);
    }
    return y;
  }

  static double activate(String activation, double v) {
    switch (activation) {
      case "relu":
        return Math.max(0, v);
      case "sigmoid":
        return 1 / (1 + Math.exp(-v));
      case "tanh":
        return Math.tanh(v);
      default:
        return v;
    }
  }
}
