package io.challengeradar.training.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.training.eval.Confusion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViralityRunTest {

  private static final float[] LABELS = {1, 1, 0, 0};

  /** A confusion of the given accuracy on four rows: the first {@code right} decisions are right. */
  private static Confusion accuracy(int right) {
    float[] scores = new float[LABELS.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i < right ? LABELS[i] : 1 - LABELS[i];
    }
    return Confusion.of(scores, LABELS, 0.5);
  }

  private static PostOnlySplits.Result postOnly(int right, double srcc) {
    return new PostOnlySplits.Result("data", "split", 4, 4, 1, accuracy(right), accuracy(right), 0, srcc, 0, 0,
        null, 0.5, null, null, null, null, null, null);
  }

  private static AuthorHistorySplits.Result served(int right, double srcc) {
    Confusion c = accuracy(right);
    return new AuthorHistorySplits.Result("as observed", "split", 4, c, c, c, c, c, c, c, c, c, 4, c, c,
        0, srcc, 0, 0, 0, 0, 0, 0, List.of(), null, 0.5);
  }

  /** Time, user and random splits: the post-only heads, then the served pair's. */
  private static ViralityRun run(int postRight, double postSrcc, int pairRight, double pairSrcc) {
    // The user split decides nothing: give it figures that would flip the choice if it were read.
    List<PostOnlySplits.Result> postOnly =
        List.of(postOnly(4, postSrcc), postOnly(4, 1), postOnly(postRight, 0.9));
    List<AuthorHistorySplits.Result> observed =
        List.of(served(0, pairSrcc), served(0, -1), served(pairRight, -1));
    return new ViralityRun(null, postOnly, observed, List.of(), List.of());
  }

  @Test
  void servesThePairOnlyWhenItBeatsThePostOnlyHeadOnRandomAccuracyAndTimeSrcc() {
    assertThat(run(2, 0.4, 3, 0.5).authorHistoryServed()).isTrue();
    assertThat(run(3, 0.4, 3, 0.5).authorHistoryServed()).as("accuracy only tied").isFalse();
    assertThat(run(2, 0.5, 3, 0.5).authorHistoryServed()).as("time-split SRCC only tied").isFalse();
    assertThat(run(2, 0.6, 4, 0.5).authorHistoryServed()).as("better accuracy, worse SRCC").isFalse();
  }
}
