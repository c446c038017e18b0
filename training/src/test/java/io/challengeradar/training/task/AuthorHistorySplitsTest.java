package io.challengeradar.training.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorHistorySplitsTest {

  @Test
  void theServedPairTakesTheHistoryHeadOnlyOnRowsWithHistory() {
    float[] postOnly = {0.1f, 0.2f, 0.3f, 0.4f};
    // The history head's scores on test rows 3 and 1, in that order.
    float[] historyHead = {0.9f, 0.8f};

    float[] served = AuthorHistorySplits.overRows(postOnly, historyHead, new int[] {3, 1});

    assertThat(served).containsExactly(0.1f, 0.8f, 0.3f, 0.9f);
    assertThat(postOnly).as("the post-only scores stay as they were").containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
  }

  @Test
  void eachHeadDecidesAtItsOwnThresholdOnceShiftedToHalf() {
    float[] shifted = ViralityHeads.atHalf(new float[] {0.39f, 0.4f, 0.7f}, 0.4);

    assertThat(ViralityHeads.onRows(shifted, new float[] {0, 1, 1}, new int[] {0, 1, 2}).accuracy()).isEqualTo(1.0);
    assertThat(ViralityHeads.onRows(shifted, new float[] {0, 0, 1}, new int[] {1}).fp()).isEqualTo(1);
  }

  @Test
  void theViralCutIsTheMedianOfTheTrainingRowsOnly() {
    double[] ratio = {5, 1, 100, 3, 2, 1000};

    // Rows 0, 1, 3, 4 are the training part: 1, 2, 3, 5; the upper middle one is 3.
    assertThat(PostOnlySplits.medianOf(ratio, new int[] {0, 1, 3, 4})).isEqualTo(3);
    assertThat(PostOnlySplits.medianOf(ratio, new int[] {2, 0, 5})).isEqualTo(100);
  }
}
