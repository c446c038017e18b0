package io.challengeradar.flink.intel;

import java.util.List;

/** Compares challenge representations with the embedded harmful-challenge descriptions. */
public final class RiskScorer {

  /** The highest similarity and the description it was to. */
  public record Risk(double score, String nearest) {}

  private final List<HarmfulChallenge> harmful;
  private final List<float[]> vectors;

  /** @param vectors the descriptions' embeddings, in the order of {@code harmful} */
  public RiskScorer(List<HarmfulChallenge> harmful, List<float[]> vectors) {
    if (harmful.size() != vectors.size()) {
      throw new IllegalArgumentException("vectors: " + vectors.size() + " for "
          + harmful.size() + " harmful descriptions");
    }
    this.harmful = List.copyOf(harmful);
    this.vectors = List.copyOf(vectors);
  }

  /** The nearest description by cosine similarity, or null when there are none to compare. */
  public Risk assess(float[] representation) {
    Risk best = null;
    for (int i = 0; i < harmful.size(); i++) {
      double similarity = Embeddings.cosine(representation, vectors.get(i));
      if (best == null || similarity > best.score()) {
        best = new Risk(similarity, harmful.get(i).name());
      }
    }
    return best;
  }
}
