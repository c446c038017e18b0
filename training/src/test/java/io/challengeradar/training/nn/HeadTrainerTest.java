package io.challengeradar.training.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.serving.model.MlpHead;
import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.eval.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadTrainerTest {

  @BeforeAll
  static void offline() {
    DjlRuntime.configure(Path.of("target/djl-cache"));
  }

  /** Two Gaussian blobs 4 apart on the first feature, on an offset and scale standardisation must fix. */
  private static float[][] blobs(int n, long seed, float[] y) {
    Random r = new Random(seed);
    float[][] x = new float[n][];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      x[i] =
          new float[] {
            (float) (1000 + 50 * ((y[i] == 1 ? 2 : -2) + r.nextGaussian() * 0.5)),
            (float) r.nextGaussian(),
            (float) r.nextGaussian()
          };
    }
    return x;
  }

  private static TrainingOptions small() {
    // A larger step than the default 1e-3: toy sets give few steps per epoch.
    return TrainingOptions.defaults().withHidden(8).withMaxEpochs(30).withBatchSize(16).withLearningRate(1e-2f);
  }

  @Test
  void learnsASeparableProblemAndAnswersOnRawInputs() {
    float[] y = new float[400];
    float[][] x = blobs(400, 1, y);
    float[] testY = new float[200];
    float[][] test = blobs(200, 2, testY);

    TrainedHead head = new HeadTrainer(small(), null).train(x, y, Objective.BINARY);

    assertThat(Confusion.of(head.scores(test), testY, 0.5).accuracy()).isGreaterThan(0.97);
    assertThat(head.history()).isNotEmpty();
    assertThat(head.bestEpoch()).isBetween(1, head.history().size());
    assertThat(head.inputDim()).isEqualTo(3);
  }

  @Test
  void sameSeedGivesTheSameWeights() {
    float[] y = new float[200];
    float[][] x = blobs(200, 3, y);

    TrainedHead a = new HeadTrainer(small(), null).train(x, y, Objective.BINARY);
    TrainedHead b = new HeadTrainer(small(), null).train(x, y, Objective.BINARY);

    assertThat(a.layers().get(0).weights()).isDeepEqualTo(b.layers().get(0).weights());
    assertThat(a.layers().get(1).bias()).isEqualTo(b.layers().get(1).bias());
  }

  @Test
  void regressionHeadAnswersInTheTargetsOwnUnits() {
    Random r = new Random(4);
    int n = 600;
    float[][] x = new float[n][];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float a = (float) r.nextGaussian();
      x[i] = new float[] {a, (float) r.nextGaussian()};
      y[i] = 11 + 2 * a; // log views sit near 11
    }
    TrainedHead head =
        new HeadTrainer(small().withHidden(0).withMaxEpochs(40), null).train(x, y, Objective.REGRESSION);

    assertThat(Metrics.mae(head.scores(x), y)).isLessThan(0.1);
    assertThat(head.layers().get(head.layers().size() - 1).activation()).isEqualTo("none");
  }

  /**
   * A feature that never varies in training (an author history no training row has) leaves its
   * weights as the initialisation drew them: the head must not apply them to a value it never saw.
   */
  @Test
  void featureConstantInTrainingDoesNotMoveTheScore() {
    float[] y = new float[200];
    float[][] x = blobs(200, 6, y);
    for (float[] row : x) {
      row[2] = 0;
    }
    TrainedHead classifier = new HeadTrainer(small(), null).train(x, y, Objective.BINARY);
    TrainedHead regressor = new HeadTrainer(small(), null).train(x, y, Objective.REGRESSION);

    float[] testY = new float[50];
    for (float[] row : blobs(50, 7, testY)) {
      for (TrainedHead head : List.of(classifier, regressor)) {
        row[2] = 0;
        float unseen = head.score(row);
        for (float value : new float[] {-3, 1, 250}) {
          row[2] = value;
          assertThat(head.score(row)).isEqualTo(unseen);
        }
      }
    }
  }

  @Test
  void writtenHeadScoresTheSameInTheServingTier(@TempDir Path dir) throws Exception {
    float[] y = new float[200];
    float[][] x = blobs(200, 5, y);
    TrainedHead head = new HeadTrainer(small(), null).train(x, y, Objective.BINARY);

    head.write(dir.resolve(MlpHead.FILE));
    MlpHead served = MlpHead.read(dir.resolve(MlpHead.FILE));

    assertThat(served.inputDim()).isEqualTo(3);
    for (float[] row : x) {
      assertThat(served.score(row)).isEqualTo(head.score(row));
    }
  }
}
