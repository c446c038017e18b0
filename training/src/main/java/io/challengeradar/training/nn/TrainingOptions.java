package io.challengeradar.training.nn;

import io.challengeradar.serving.model.DeviceSpec;

/**
 * How a feed-forward head is trained. The defaults follow deepChallenger (dropout 0.2, Adam with a
 * learning rate of 1e-3) with early stopping on a validation share carved from the training rows.
 *
 * @param seed seeds the engine (weight initialisation, dropout) and the batch order
 * @param hidden units of the hidden layer; 0 trains a linear head (logistic/linear regression)
 * @param dropout dropout rate after the hidden layer
 * @param learningRate Adam's learning rate
 * @param batchSize rows per step
 * @param maxEpochs most passes over the training rows
 * @param patience epochs without a better validation loss before stopping
 * @param validationShare share of the training rows held out for early stopping (and thresholds)
 * @param device where the engine trains: cpu, gpu or gpu:N
 */
public record TrainingOptions(
    long seed,
    int hidden,
    float dropout,
    float learningRate,
    int batchSize,
    int maxEpochs,
    int patience,
    double validationShare,
    String device) {

  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_HIDDEN = 64;
  public static final float DEFAULT_DROPOUT = 0.2f;
  public static final float DEFAULT_LEARNING_RATE = 1e-3f;
  public static final int DEFAULT_BATCH_SIZE = 128;
  public static final int DEFAULT_MAX_EPOCHS = 40;
  public static final int DEFAULT_PATIENCE = 4;
  public static final double DEFAULT_VALIDATION_SHARE = 0.1;
  public static final String DEFAULT_DEVICE = "cpu";

  public TrainingOptions {
    if (hidden < 0) {
      throw new IllegalArgumentException("hidden must be 0 or more, was " + hidden);
    }
    SgdChecks.check(dropout, learningRate, batchSize, maxEpochs, patience);
    if (!(validationShare > 0 && validationShare < 0.5)) {
      throw new IllegalArgumentException(
          "validationShare must be in (0, 0.5), was " + validationShare);
    }
    DeviceSpec.parse(device); // names the bad value
  }

  public static TrainingOptions defaults() {
    return new TrainingOptions(
        DEFAULT_SEED,
        DEFAULT_HIDDEN,
        DEFAULT_DROPOUT,
        DEFAULT_LEARNING_RATE,
        DEFAULT_BATCH_SIZE,
        DEFAULT_MAX_EPOCHS,
        DEFAULT_PATIENCE,
        DEFAULT_VALIDATION_SHARE,
        DEFAULT_DEVICE);
  }

  public TrainingOptions withSeed(long s) {
    return new TrainingOptions(s, hidden, dropout, learningRate, batchSize, maxEpochs, patience, validationShare, device);
  }

  public TrainingOptions withHidden(int h) {
    return new TrainingOptions(seed, h, dropout, learningRate, batchSize, maxEpochs, patience, validationShare, device);
  }

  public TrainingOptions withMaxEpochs(int e) {
    return new TrainingOptions(seed, hidden, dropout, learningRate, batchSize, e, patience, validationShare, device);
  }

  public TrainingOptions withBatchSize(int b) {
    return new TrainingOptions(seed, hidden, dropout, learningRate, b, maxEpochs, patience, validationShare, device);
  }

  public TrainingOptions withLearningRate(float lr) {
    return new TrainingOptions(seed, hidden, dropout, lr, batchSize, maxEpochs, patience, validationShare, device);
  }

  public TrainingOptions withDevice(String d) {
    return new TrainingOptions(seed, hidden, dropout, learningRate, batchSize, maxEpochs, patience, validationShare, d);
  }
}
