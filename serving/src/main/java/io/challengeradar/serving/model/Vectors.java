package io.challengeradar.serving.model;

/** Small vector helpers shared by the encoders and heads. */
public final class Vectors {

  private Vectors() {}

  /** The vector scaled to unit length (a zero vector stays zero). */
  public static float[] normalise(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    if (norm < 1e-12) {
      return out;
    }
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
