package io.challengeradar.serving.model;

import io.challengeradar.serving.engine.BatchingEngine;
import java.time.Duration;
import java.time.Instant;

/**
 * One model version in service: its spec, its batching engine and what must be freed with it.
 *
 * @param dimension the model's vector size (output size for encoders, input size for heads)
 * @param <I> one item's input
 * @param <O> one item's output
 */
public record LoadedModel<I, O>(
    ModelSpec spec,
    BatchingEngine<I, O> engine,
    int dimension,
    Instant loadedAt,
    AutoCloseable resources) {

  public String name() {
    return spec.name();
  }

  public String version() {
    return spec.version();
  }

  public ModelKind kind() {
    return spec.kind();
  }

  /** Lets work in flight finish (up to {@code grace}), then frees the model. */
  public void close(Duration grace) {
    engine.close(grace);
    try {
      resources.close();
    } catch (Exception ignored) {
      // Only native memory is at stake, and the process keeps serving the newer version.
    }
  }
}
