package io.challengeradar.training.task;

import java.util.List;

/**
 * What one virality run measured: the report and the model registration read it.
 *
 * @param data what was read
 * @param postOnly the VN feed's post-only splits: time, user, random ({@link
 *     PostOnlySplits#TIME}, ...)
 * @param observed the same splits with the author's history as observed ({@link AuthorHistorySplits})
 * @param settled the same splits with each observation settled at most 7 days after its post
 * @param trending each trending dump's post-only splits in turn
 */
record ViralityRun(
    ViralityData data,
    List<PostOnlySplits.Result> postOnly,
    List<AuthorHistorySplits.Result> observed,
    List<AuthorHistorySplits.Result> settled,
    List<PostOnlySplits.Result> trending) {

  /**
   * Whether the model is the pair (author-history head, post-only head as fallback): only where
   * it beats the post-only head on both targets' measures (random-split accuracy, time-split SRCC).
   */
  boolean authorHistoryServed() {
    return observed.get(PostOnlySplits.RANDOM).served().accuracy()
            > postOnly.get(PostOnlySplits.RANDOM).model().accuracy()
        && observed.get(PostOnlySplits.TIME).srcc() > postOnly.get(PostOnlySplits.TIME).srcc();
  }
}
