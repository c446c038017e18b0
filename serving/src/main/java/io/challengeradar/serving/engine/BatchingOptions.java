package io.challengeradar.serving.engine;

import io.challengeradar.config.Config;
import io.challengeradar.serving.ServingSettings;
import java.time.Duration;

/**
 * How one model's engine batches and sheds load: the model's {@code model.properties} over the
 * serving tier's defaults ({@link ServingSettings}, {@code serving.batch.*}).
 *
 * @param maxBatchSize most items handed to the model in one call
 * @param maxBatchDelay how long a worker holding at least one item waits for more before running a
 *     partial batch; zero runs whatever is queued at once
 * @param queueCapacity most items waiting (not yet taken by a worker); more are refused with {@link
 *     io.challengeradar.serving.OverCapacityException}
 * @param workers worker threads, each with its own predictor (DJL predictors are not thread-safe)
 * @param timeout how long an item may wait and run before its caller is answered with a timeout
 * @param restartDelay how long after a worker died (an {@link Error} such as {@link
 *     OutOfMemoryError} escaped its model) it is started again; doubled for each death in a row of
 *     the same worker, up to {@link #MAX_RESTART_DELAY}
 */
public record BatchingOptions(int maxBatchSize, Duration maxBatchDelay, int queueCapacity,
    int workers, Duration timeout, Duration restartDelay) {

  /** The longest wait before a worker that keeps dying is started again. */
  public static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(1);

  public BatchingOptions {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
    }
    if (maxBatchDelay == null || maxBatchDelay.isNegative()) {
      throw new IllegalArgumentException("maxBatchDelay must be zero or more, was " + maxBatchDelay);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (restartDelay == null || restartDelay.isNegative()) {
      throw new IllegalArgumentException("restartDelay must be zero or more, was " + restartDelay);
    }
  }

  /** With the default restart delay. */
  public BatchingOptions(
      int maxBatchSize, Duration maxBatchDelay, int queueCapacity, int workers, Duration timeout) {
    this(maxBatchSize, maxBatchDelay, queueCapacity, workers, timeout,
        ServingSettings.WORKER_RESTART_DELAY.defaultValue());
  }

  /** The batching of every model whose {@code model.properties} does not set its own. */
  public static BatchingOptions from(Config settings) {
    return new BatchingOptions(
        settings.get(ServingSettings.BATCH_MAX_SIZE),
        settings.get(ServingSettings.BATCH_MAX_DELAY),
        settings.get(ServingSettings.BATCH_QUEUE_CAPACITY),
        settings.get(ServingSettings.BATCH_WORKERS),
        settings.get(ServingSettings.BATCH_TIMEOUT),
        settings.get(ServingSettings.WORKER_RESTART_DELAY));
  }
}
