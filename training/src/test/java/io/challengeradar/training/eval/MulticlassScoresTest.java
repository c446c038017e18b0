package io.challengeradar.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MulticlassScoresTest {

  @Test
  void macroAveragesOverClassesSeenInLabelsOrPredictions() {
    // Class 0: tp 2, predicted 4, actual 2 -> P 1/2, R 1, F1 2/3.
    // Class 1: tp 1, predicted 1, actual 2 -> P 1, R 1/2, F1 2/3.
    // Class 2: never seen, never predicted: left out. Class 3: actual once, never predicted -> 0, 0, 0.
    int[] predicted = {0, 0, 0, 1, 0};
    int[] actual = {0, 0, 1, 1, 3};

    MulticlassScores s = MulticlassScores.of(predicted, actual, 4);

    assertThat(s.classes()).isEqualTo(3);
    assertThat(s.accuracy()).isCloseTo(3 / 5.0, within(1e-12));
    assertThat(s.macroPrecision()).isCloseTo((0.5 + 1 + 0) / 3, within(1e-12));
    assertThat(s.macroRecall()).isCloseTo((1 + 0.5 + 0) / 3, within(1e-12));
    assertThat(s.macroF1()).isCloseTo((2 / 3.0 + 2 / 3.0 + 0) / 3, within(1e-12));
  }

  @Test
  void rejectsLabelsOutsideTheClasses() {
    assertThatThrownBy(() -> MulticlassScores.of(new int[] {0, 5}, new int[] {0, 1}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("predicted label 5");
  }
}
