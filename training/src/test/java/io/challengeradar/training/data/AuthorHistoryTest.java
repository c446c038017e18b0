package io.challengeradar.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The author-history feature sees only earlier training videos, never a label it should not. */
class AuthorHistoryTest {

  private static final String[] USERS = {"ann", "ann", "ann", "bob", "ann"};
  private static final long[] TIMES = {100, 200, 300, 150, 400};
  private static final float[] LOG_VIEWS = {2, 4, 6, 8, 10};

  @Test
  void usesOnlyTrainingVideosPostedBefore() {
    int[] train = {0, 1, 3};

    float[][] f = AuthorHistory.priorMean(USERS, TIMES, LOG_VIEWS, train, 5f);

    assertThat(f[0]).containsExactly(5f, 0f); // ann's first video: nothing earlier
    assertThat(f[1]).containsExactly(2f, 1f); // only video 0, not itself
    assertThat(f[2]).containsExactly(3f, 1f); // videos 0 and 1; not a test video's label
    assertThat(f[3]).containsExactly(5f, 0f); // bob has nothing earlier
    assertThat(f[4]).containsExactly(3f, 1f); // video 2 is in the test part, so left out
  }

  @Test
  void rejectsArraysOfDifferentLengths() {
    assertThatThrownBy(() -> AuthorHistory.priorMean(USERS, new long[] {1}, LOG_VIEWS, new int[0], 0f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one entry per video");
  }
}
