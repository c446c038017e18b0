package io.challengeradar.serving.engine;

import java.util.List;

/**
 * Runs a model on one batch. One instance per worker thread, so implementations need not be
 * thread-safe.
 *
 * @param <I> one item's input
 * @param <O> one item's output
 */
public interface BatchPredictor<I, O> extends AutoCloseable {

  /** Returns exactly one output per input, in input order. */
  List<O> predict(List<I> batch) throws Exception;

  @Override
  default void close() throws Exception {}

  /** Makes one predictor per worker. */
  @FunctionalInterface
  interface Factory<I, O> {
    BatchPredictor<I, O> create() throws Exception;
  }
}
