package io.challengeradar.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void macroF1AveragesBothClasses() {
    // tp=2 fp=1 fn=1 tn=4: positive P=R=2/3, F1=2/3; negative P=R=4/5, F1=4/5.
    float[] scores = {0.9f, 0.8f, 0.7f, 0.1f, 0.2f, 0.3f, 0.1f, 0.2f};
    float[] labels = {1, 1, 0, 1, 0, 0, 0, 0};

    Confusion c = Confusion.of(scores, labels, 0.5);

    assertThat(c).isEqualTo(new Confusion(2, 1, 4, 1));
    assertThat(c.f1()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(c.macroPrecision()).isCloseTo((2.0 / 3 + 4.0 / 5) / 2, within(1e-12));
    assertThat(c.macroF1()).isCloseTo((2.0 / 3 + 4.0 / 5) / 2, within(1e-12));
    assertThat(c.accuracy()).isCloseTo(6.0 / 8, within(1e-12));
  }

  @Test
  void aClassNeverPredictedHasPrecisionZero() {
    Confusion c = Confusion.of(new float[] {0.1f, 0.2f}, new float[] {1, 0}, 0.5);

    assertThat(c.precision()).isZero();
    assertThat(c.f1()).isZero();
    assertThat(c.macroF1()).isCloseTo((0 + 2 * 0.5 * 1 / 1.5) / 2, within(1e-12));
  }

  @Test
  void spearmanUsesMeanRanksForTies() {
    // ranks of a: 1, 2.5, 2.5, 4; ranks of b: 1, 2, 3, 4. Pearson of those = 0.9486832980505138.
    float[] a = {1, 2, 2, 3};
    float[] b = {10, 20, 30, 40};

    assertThat(Metrics.ranks(a)).containsExactly(1, 2.5, 2.5, 4);
    assertThat(Metrics.srcc(a, b)).isCloseTo(0.9486832980505138, within(1e-12));
    assertThat(Metrics.srcc(b, new float[] {4, 3, 2, 1})).isCloseTo(-1, within(1e-12));
  }

  @Test
  void maeAndMse() {
    assertThat(Metrics.mae(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(1.5, within(1e-12));
    assertThat(Metrics.mse(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void rankingMetricsMatchHandComputedValues() {
    List<String> ranked = List.of("a", "b", "c", "d", "e", "f");
    Set<String> relevant = Set.of("b", "d", "z");

    // hits at ranks 2 and 4: AP = (1/2 + 2/4) / 3 relevant = 1/3.
    assertThat(Metrics.averagePrecision(ranked, relevant)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(Metrics.precisionAt(5, ranked, relevant)).isCloseTo(2.0 / 5, within(1e-12));
    // DCG = 1/log2(3) + 1/log2(5); ideal over min(5, 3) = 1 + 1/log2(3) + 1/log2(4).
    double dcg = 1 / log2(3) + 1 / log2(5);
    double ideal = 1 + 1 / log2(3) + 0.5;
    assertThat(Metrics.ndcgAt(5, ranked, relevant)).isCloseTo(dcg / ideal, within(1e-12));
    assertThat(Metrics.ndcgAt(5, List.of("b", "d", "z"), relevant)).isCloseTo(1, within(1e-12));
  }

  @Test
  void thresholdIsChosenOnTheGivenScores() {
    float[] scores = {0.1f, 0.3f, 0.35f, 0.9f};
    float[] labels = {0, 0, 1, 1};

    double t = Thresholds.best(scores, labels, Confusion::accuracy);

    assertThat(t).isGreaterThan(0.3).isLessThanOrEqualTo(0.35);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
