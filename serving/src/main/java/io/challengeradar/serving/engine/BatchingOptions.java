package io.challengeradar.serving.engine;

import java.time.Duration;

/**
 * How one model's engine batches and sheds load.
 *
 * @param maxBatchSize most items handed to the model in one call
 * @param maxBatchDelay how long a worker holding at least one item waits for more before running a
 *     partial batch; zero runs whatever is queued at once
 * @param queueCapacity most items waiting (not yet taken by a worker); more are refused with {@link
 *     io.challengeradar.serving.OverCapacityException}
 * @param workers worker threads, each with its own predictor (DJL predictors are not thread-safe)
 * @param timeout how long an item may wait and run before its caller is answered with a timeout
 */
public record BatchingOptions(
    int maxBatchSize, Duration maxBatchDelay, int queueCapacity, int workers, Duration timeout) {

  public static final int DEFAULT_MAX_BATCH_SIZE = 32;
  public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(5);
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;
  public static final int DEFAULT_WORKERS = 1;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

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
  }

  public static BatchingOptions defaults() {
    return new BatchingOptions(
        DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_MAX_BATCH_DELAY,
        DEFAULT_QUEUE_CAPACITY,
        DEFAULT_WORKERS,
        DEFAULT_TIMEOUT);
  }

  public BatchingOptions withMaxBatchSize(int size) {
    return new BatchingOptions(size, maxBatchDelay, queueCapacity, workers, timeout);
  }

  public BatchingOptions withMaxBatchDelay(Duration delay) {
    return new BatchingOptions(maxBatchSize, delay, queueCapacity, workers, timeout);
  }

  public BatchingOptions withQueueCapacity(int capacity) {
    return new BatchingOptions(maxBatchSize, maxBatchDelay, capacity, workers, timeout);
  }

  public BatchingOptions withWorkers(int count) {
    return new BatchingOptions(maxBatchSize, maxBatchDelay, queueCapacity, count, timeout);
  }

  public BatchingOptions withTimeout(Duration t) {
    return new BatchingOptions(maxBatchSize, maxBatchDelay, queueCapacity, workers, t);
  }
}
