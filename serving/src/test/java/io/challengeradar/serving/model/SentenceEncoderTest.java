package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.serving.engine.BatchPredictor;
import io.challengeradar.serving.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model through DJL and ONNX Runtime, offline. */
class SentenceEncoderTest {

  private static final float TOLERANCE = 1e-4f;

  /**
   * The first eight components sentence-transformers publishes for all-MiniLM-L6-v2 on "This is an
   * example sentence": an outside reference, not computed by this code.
   */
  private static final float[] EXAMPLE_SENTENCE_PREFIX = {
    0.0676569194f, 0.0634959638f, 0.0487131141f, 0.0793049559f,
    0.0374480598f, 0.00265277899f, 0.0393749662f, -0.00709843030f
  };

  /** Components of "a dog dancing on the beach", recorded once from this pipeline (regression). */
  private static final int[] DOG_INDICES = {0, 1, 2, 3, 7, 383};

  private static final float[] DOG_VALUES = {
    0.008629776f, -0.047039952f, 0.062478166f, -0.011388371f, -0.10188217f, 0.039677795f
  };

  private static SentenceEncoder encoder;
  private static BatchPredictor<String, SentenceEncoder.Embedding> predictor;

  @BeforeAll
  static void load() throws Exception {
    encoder = SentenceEncoder.load(ModelSpec.read("minilm", "1", TestModels.minilm(), null));
    predictor = encoder.newPredictor();
  }

  @AfterAll
  static void close() throws Exception {
    predictor.close();
    encoder.close();
  }

  private static float[] embed(String text) throws Exception {
    return predictor.predict(List.of(text)).get(0).vector();
  }

  @Test
  void matchesThePublishedSentenceTransformersVector() throws Exception {
    float[] v = embed("This is an example sentence");

    assertThat(v).hasSize(384);
    for (int i = 0; i < EXAMPLE_SENTENCE_PREFIX.length; i++) {
      assertThat(v[i]).as("component %d", i).isCloseTo(EXAMPLE_SENTENCE_PREFIX[i], within(TOLERANCE));
    }
  }

  @Test
  void matchesTheRecordedReferenceAndIsUnitLength() throws Exception {
    float[] v = embed("a dog dancing on the beach");

    for (int i = 0; i < DOG_INDICES.length; i++) {
      assertThat(v[DOG_INDICES[i]]).as("component %d", DOG_INDICES[i])
          .isCloseTo(DOG_VALUES[i], within(TOLERANCE));
    }
    assertThat((float) Math.sqrt(dot(v, v))).isCloseTo(1f, within(TOLERANCE));
  }

  @Test
  void givesTheSameVectorAloneAndInsideAPaddedBatch() throws Exception {
    String shortText = "a dog dancing on the beach";
    List<SentenceEncoder.Embedding> batch =
        predictor.predict(
            List.of("a much longer caption that forces padding of the shorter one in the batch",
                shortText));

    float[] alone = embed(shortText);
    float[] padded = batch.get(1).vector();
    for (int i = 0; i < alone.length; i++) {
      assertThat(padded[i]).isCloseTo(alone[i], within(TOLERANCE));
    }
  }

  @Test
  void givesEachCaptionOfAMixedBatchItsOwnVectorInOrder() throws Exception {
    List<String> mixed = List.of(
        "word ".repeat(300), "a dog", "a dog dancing on the beach with friends #fyp",
        "word ".repeat(40), "hi");

    List<SentenceEncoder.Embedding> batch = predictor.predict(mixed);

    assertThat(batch).hasSize(mixed.size());
    for (int i = 0; i < mixed.size(); i++) {
      float[] alone = embed(mixed.get(i));
      assertThat(dot(batch.get(i).vector(), alone)).as("caption %d", i)
          .isCloseTo(1.0, within(1e-4));
    }
    assertThat(batch.get(0).truncated()).isTrue();
    assertThat(batch.get(1).truncated()).isFalse();
  }

  @Test
  void groupsCaptionsOfSimilarLengthSoFewTokensArePadding() {
    int[] lengths = {256, 8, 9, 250, 10, 7, 60};

    List<int[]> groups = SentenceEncoder.groupsBySimilarLength(lengths);

    assertThat(groups).hasSize(3);
    assertThat(groups.get(0)).containsExactly(5, 1, 2, 4);
    assertThat(groups.get(1)).containsExactly(6);
    assertThat(groups.get(2)).containsExactly(3, 0);
    // Every caption is in exactly one group.
    assertThat(groups.stream().mapToInt(g -> g.length).sum()).isEqualTo(lengths.length);
  }

  @Test
  void countsThePaddedTokensOfABatchGroupedOrNot() {
    int[] lengths = {256, 8, 9, 250, 10, 7, 60};

    // Padded to the longest: 7 x 256. In the three groups above: 4 x 10 + 60 + 2 x 256.
    assertThat(SentenceEncoder.paddedTokens(lengths, false)).isEqualTo(7 * 256);
    assertThat(SentenceEncoder.paddedTokens(lengths, true)).isEqualTo(40 + 60 + 512);
  }

  @Test
  void placesRelatedCaptionsCloserThanUnrelatedOnes() throws Exception {
    float[] dog = embed("a dog dancing on the beach");
    float[] puppy = embed("a puppy dances by the sea");
    float[] earnings = embed("quarterly earnings fell sharply");

    assertThat(dot(dog, puppy)).isGreaterThan(dot(dog, earnings) + 0.3);
  }

  @Test
  void truncatesLongCaptionsToTheTokenLimitAndSaysSo() throws Exception {
    SentenceEncoder.Embedding e = predictor.predict(List.of("word ".repeat(1000))).get(0);
    SentenceEncoder.Embedding shortOne = predictor.predict(List.of("word word")).get(0);

    assertThat(e.truncated()).isTrue();
    assertThat(e.tokens()).isEqualTo(encoder.maxTokens());
    assertThat(shortOne.truncated()).isFalse();
    assertThat(shortOne.tokens()).isEqualTo(4);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
