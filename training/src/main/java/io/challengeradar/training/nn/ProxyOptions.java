package io.challengeradar.training.nn;

import io.challengeradar.serving.model.DeviceSpec;

/**
 * How the proxy stage's projection is trained (deepChallenger's proxy tasks: video to challenge,
 * video to user): Adam and dropout 0.2 as in the paper, but a larger step than its 1e-3. The paper
 * took steps of 4 videos; here a step takes hundreds, so an epoch is a few dozen steps, and at 1e-3
 * (batch 256) the loss over the DataRes users was still falling slowly after 4 epochs of about 15 s
 * each on 2 loaded cores (first measured run): 30 such epochs per split would not fit the time budget.
 *
 * @param dimension size of the projected video vector
 * @param dropout dropout rate on the projected vector while training
 * @param learningRate Adam's learning rate
 * @param batchSize examples per step of the largest objective; smaller objectives take a
 *     proportional share, so one epoch is one pass over every objective
 * @param maxEpochs most passes
 * @param patience epochs without a better validation loss before stopping
 * @param validationShare share of each objective's examples held out for early stopping
 * @param seed seeds initialisation, dropout, the held-out share and the batch order
 * @param device where the engine trains: cpu, gpu or gpu:N
 */
public record ProxyOptions(
    int dimension,
    float dropout,
    float learningRate,
    int batchSize,
    int maxEpochs,
    int patience,
    double validationShare,
    long seed,
    String device) {

  public static final int DEFAULT_DIMENSION = 128;
  public static final int DEFAULT_BATCH_SIZE = 512;
  public static final float DEFAULT_LEARNING_RATE = 1e-2f;
  public static final int DEFAULT_MAX_EPOCHS = 20;
  public static final int DEFAULT_PATIENCE = 3;

  public ProxyOptions {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
    }
    SgdChecks.check(dropout, learningRate, batchSize, maxEpochs, patience);
    if (!(validationShare > 0 && validationShare < 0.5)) {
      throw new IllegalArgumentException("validationShare must be in (0, 0.5), was " + validationShare);
    }
    DeviceSpec.parse(device); // names the bad value
  }

  /** The defaults, with seed, device, dropout and validation share of the heads' options. */
  public static ProxyOptions from(TrainingOptions head) {
    return new ProxyOptions(DEFAULT_DIMENSION, head.dropout(), DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE,
        Math.min(DEFAULT_MAX_EPOCHS, head.maxEpochs()), DEFAULT_PATIENCE, head.validationShare(),
        head.seed(), head.device());
  }

  public ProxyOptions withDimension(int d) {
    return new ProxyOptions(d, dropout, learningRate, batchSize, maxEpochs, patience, validationShare, seed, device);
  }

  public ProxyOptions withMaxEpochs(int e) {
    return new ProxyOptions(dimension, dropout, learningRate, batchSize, e, patience, validationShare, seed, device);
  }

  public ProxyOptions withBatchSize(int b) {
    return new ProxyOptions(dimension, dropout, learningRate, b, maxEpochs, patience, validationShare, seed, device);
  }

  public ProxyOptions withLearningRate(float lr) {
    return new ProxyOptions(dimension, dropout, lr, batchSize, maxEpochs, patience, validationShare, seed, device);
  }

  public ProxyOptions withSeed(long s) {
    return new ProxyOptions(dimension, dropout, learningRate, batchSize, maxEpochs, patience, validationShare, s, device);
  }
}
