package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.serving.engine.BatchPredictor;
import io.challengeradar.serving.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quantized all-MiniLM-L6-v2 the build ships beside the full one answers in the same space:
 * the heads trained on the full model's vectors take its vectors (the figures over real captions
 * are {@code radar evaluate encoder}'s; docs/serving.md).
 */
class QuantizedEncoderTest {

  private static final List<String> CAPTIONS = List.of(
      "a dog dancing on the beach #dogsoftiktok",
      "trying the ice bucket challenge with my grandma",
      "quarterly earnings fell sharply",
      "Cách làm bánh mì siêu ngon tại nhà #nauan #fyp");

  @Test
  void givesVectorsCloseToTheFullModelsForTheSameCaptions() throws Exception {
    List<SentenceEncoder.Embedding> full = embed(
        ModelSpec.read("minilm", "1", TestModels.minilm(), null));
    List<SentenceEncoder.Embedding> quantized = embed(
        ModelSpec.read("minilm-q", "1", TestModels.minilmQuantized(), null));

    for (int i = 0; i < CAPTIONS.size(); i++) {
      assertThat(quantized.get(i).vector()).hasSize(384);
      assertThat(dot(full.get(i).vector(), quantized.get(i).vector()))
          .as("cosine of caption %d", i).isGreaterThan(0.95);
      assertThat(quantized.get(i).tokens()).isEqualTo(full.get(i).tokens());
    }
  }

  @Test
  void oneIntraOpThreadGivesTheSameVectors() throws Exception {
    ModelSpec spec = ModelSpec.read("minilm-q", "1", TestModels.minilmQuantized(), null);

    List<SentenceEncoder.Embedding> own = embed(spec);
    List<SentenceEncoder.Embedding> oneThread =
        embed(spec.withProperty(TextEncoderOptions.INTRA_OP_THREADS_PROPERTY, "1"));

    for (int i = 0; i < CAPTIONS.size(); i++) {
      assertThat(dot(own.get(i).vector(), oneThread.get(i).vector())).isCloseTo(1.0, within(1e-4));
    }
  }

  private static List<SentenceEncoder.Embedding> embed(ModelSpec spec) throws Exception {
    try (SentenceEncoder encoder = SentenceEncoder.load(spec);
        BatchPredictor<String, SentenceEncoder.Embedding> p = encoder.newPredictor()) {
      return p.predict(CAPTIONS);
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
