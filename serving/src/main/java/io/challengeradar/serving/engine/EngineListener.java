package io.challengeradar.serving.engine;

import io.challengeradar.serving.ServingException;

/** What an engine reports as it works, for metrics; calls come from worker and caller threads. */
public interface EngineListener {

  EngineListener NONE = new EngineListener() {};

  /** A batch of {@code size} items ran for {@code nanos}. */
  default void batchRan(String model, int size, long nanos) {}

  /** An item or a whole submission failed with {@code error}. */
  default void failed(String model, ServingException error) {}

  /** A worker thread died of {@code error}; it is started again after the restart delay. */
  default void workerDied(String model, Throwable error) {}
}
