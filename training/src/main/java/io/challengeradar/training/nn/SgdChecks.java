package io.challengeradar.training.nn;

/** The argument checks every trainer's options share: each names the argument and its value. */
final class SgdChecks {
  private SgdChecks() {}

  static void check(float dropout, float learningRate, int batchSize, int maxEpochs,
      int patience) {
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be positive, was " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    if (maxEpochs < 1) {
      throw new IllegalArgumentException("maxEpochs must be at least 1, was " + maxEpochs);
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, was " + patience);
    }
  }
}
