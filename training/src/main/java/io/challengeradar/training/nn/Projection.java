package io.challengeradar.training.nn;

import io.challengeradar.training.eval.MulticlassScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy stage's result: one dense layer that maps a frozen video vector to a learned video
 * vector, with how it was trained and how well its proxy tasks did on held-out examples.
 *
 * @param layer frozen dimension in, projected dimension out
 * @param history one entry per epoch; the loss is the sum of the objectives' mean cross-entropies,
 *     the metric the mean of their validation accuracies
 * @param bestEpoch the epoch whose weights these are
 * @param validation per objective, scores on its held-out share at the kept epoch
 */
public record Projection(Layer layer, List<EpochStats> history, int bestEpoch,
    Map<String, MulticlassScores> validation) {

  public int dimension() {
    return layer.outputs();
  }

  public float[] apply(float[] frozen) {
    if (frozen.length != layer.inputs()) {
      throw new IllegalArgumentException(
          "vector must have " + layer.inputs() + " values, has " + frozen.length);
    }
    return layer.apply(frozen);
  }

  /** Every vector of the map projected, keys kept. */
  public <K> Map<K, float[]> applyAll(Map<K, float[]> frozen) {
    Map<K, float[]> out = new LinkedHashMap<>();
    frozen.forEach((k, v) -> out.put(k, apply(v)));
    return out;
  }
}
