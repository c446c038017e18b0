package io.challengeradar.training.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.serving.model.DjlRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyTrainerTest {

  private static final int DIM = 16;
  private static final int TOPICS = 4;
  private static final int AUTHORS = 6;

  private static Videos train;
  private static Projection learned;

  @BeforeAll
  static void trainOnce() {
    DjlRuntime.configure(Path.of("target/djl-cache"));
    train = videos(600, 1);
    learned = new ProxyTrainer(small(), null).train(objectives(train));
  }

  /**
   * Toy "videos": a topic direction on dimensions 0-3 and an author direction on dimensions 4-9,
   * plus noise. Topic and author are drawn independently, so each objective has its own signal.
   */
  private record Videos(float[][] x, int[] topic, int[] author) {}

  private static Videos videos(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][DIM];
    int[] topic = new int[n];
    int[] author = new int[n];
    for (int i = 0; i < n; i++) {
      topic[i] = r.nextInt(TOPICS);
      author[i] = r.nextInt(AUTHORS);
      for (int d = 0; d < DIM; d++) {
        x[i][d] = (float) (r.nextGaussian() * 0.3);
      }
      x[i][topic[i]] += 1;
      x[i][TOPICS + author[i]] += 1;
    }
    return new Videos(x, topic, author);
  }

  private static List<ProxyObjective> objectives(Videos v) {
    return List.of(new ProxyObjective("topic", v.x(), v.topic(), TOPICS),
        new ProxyObjective("author", v.x(), v.author(), AUTHORS));
  }

  private static ProxyOptions small() {
    // A larger step than the default 1e-3: toy sets give few steps per epoch.
    return new ProxyOptions(8, 0.2f, 1e-2f, 32, 25, 3, 0.1, 7, "cpu");
  }

  @Test
  void learnsBothObjectivesThroughOneProjection() {
    Projection p = learned;

    assertThat(p.dimension()).isEqualTo(8);
    assertThat(p.layer().inputs()).isEqualTo(DIM);
    assertThat(p.validation().get("topic").accuracy()).isGreaterThan(0.9);
    assertThat(p.validation().get("author").accuracy()).isGreaterThan(0.85);
    assertThat(p.bestEpoch()).isBetween(1, p.history().size());
  }

  @Test
  void projectedVectorsSeparateWhatTheObjectivesTaught() {
    Projection p = learned;
    Videos fresh = videos(200, 2);

    // Nearest class centroid in the projected space, centroids from the training videos: works only
    // if the projection kept the topic signal for videos it never saw.
    float[][] centroid = new float[TOPICS][p.dimension()];
    int[] count = new int[TOPICS];
    for (int i = 0; i < train.x().length; i++) {
      float[] z = p.apply(train.x()[i]);
      for (int d = 0; d < z.length; d++) {
        centroid[train.topic()[i]][d] += z[d];
      }
      count[train.topic()[i]]++;
    }
    int right = 0;
    for (int i = 0; i < fresh.x().length; i++) {
      float[] z = p.apply(fresh.x()[i]);
      int best = 0;
      double bestDist = Double.MAX_VALUE;
      for (int t = 0; t < TOPICS; t++) {
        double dist = 0;
        for (int d = 0; d < z.length; d++) {
          double diff = z[d] - centroid[t][d] / count[t];
          dist += diff * diff;
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = t;
        }
      }
      right += best == fresh.topic()[i] ? 1 : 0;
    }
    assertThat(right / 200.0).isGreaterThan(0.9);
    assertThat(p.applyAll(Map.of("a", fresh.x()[0])).get("a")).containsExactly(p.apply(fresh.x()[0]));
  }

  @Test
  void sameSeedGivesTheSameProjection() {
    Videos v = videos(200, 3);
    ProxyOptions o = small().withMaxEpochs(3);

    Projection a = new ProxyTrainer(o, null).train(objectives(v));
    Projection b = new ProxyTrainer(o, null).train(objectives(v));

    assertThat(b.layer().bias()).containsExactly(a.layer().bias());
    for (int r = 0; r < a.layer().weights().length; r++) {
      assertThat(b.layer().weights()[r]).containsExactly(a.layer().weights()[r]);
    }
  }

  @Test
  void rejectsObjectivesOfDifferentInputSizes() {
    Videos v = videos(50, 4);
    float[][] shorter = new float[50][DIM - 1];
    List<ProxyObjective> mixed = List.of(new ProxyObjective("topic", v.x(), v.topic(), TOPICS),
        new ProxyObjective("author", shorter, v.author(), AUTHORS));

    assertThatThrownBy(() -> new ProxyTrainer(small(), null).train(mixed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("author: every input must have 16 values");
  }

  @Test
  void optionsNameTheWrongArgument() {
    assertThatThrownBy(() -> small().withDimension(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension");
    assertThatThrownBy(() -> new ProxyObjective("topic", new float[2][DIM], new int[] {0, 4}, TOPICS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 4 of example 1");
  }
}
