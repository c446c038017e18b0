package io.challengeradar.flink.intel;

/** The little vector arithmetic representations and risk need. */
final class Embeddings {
  private Embeddings() {}

  /** Cosine similarity; 0 when either vector is all zeros or their sizes differ. */
  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      return 0;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  /** {@code sum / count}, as floats (the serving tier's vector type). */
  static float[] divide(double[] sum, long count) {
    float[] out = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) (sum[i] / count);
    }
    return out;
  }
}
