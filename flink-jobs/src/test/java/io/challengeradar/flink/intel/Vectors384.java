package io.challengeradar.flink.intel;

/** Hand-made 384-d embeddings whose similarities a test can read off. */
final class Vectors384 {
  static final int DIM = 384;

  private Vectors384() {}

  /** The unit vector along axis {@code i}. */
  static float[] axis(int i) {
    float[] v = new float[DIM];
    v[i] = 1f;
    return v;
  }

  /** {@code a * axis(i) + b * axis(j)}. */
  static float[] mix(int i, float a, int j, float b) {
    float[] v = new float[DIM];
    v[i] += a;
    v[j] += b;
    return v;
  }
}
