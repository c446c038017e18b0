package io.challengeradar.training.task;

import io.challengeradar.serving.wire.Wire;
import io.challengeradar.training.data.VnFeedData;
import java.util.Arrays;
import java.util.List;

/**
 * The VN feed's rows with the author's history, as one replay of it ({@link
 * io.challengeradar.training.data.AuthorHistoryReplay}) gives them.
 *
 * @param full caption vector then {@link ViralityTask#FEATURES_WITH_HISTORY}, per video
 * @param authorOnly the author features alone (the history-only baseline's input)
 * @param has whether the author has an observed earlier video (the served pair's choice of head)
 * @param earlier what the history-only baseline can tell apart without an observed video: whether
 *     the author has any earlier post in the data set (the posting cadence is 0 without one)
 * @param kinds what the author's history holds: {@link #OBSERVED}, {@link #UNOBSERVED} or {@link
 *     #NO_EARLIER_POST}
 * @param files the source file of each video
 */
record AuthorHistoryRows(
    float[][] full, float[][] authorOnly, boolean[] has, String[] earlier, String[] kinds, String[] files) {

  /** What a post's author history holds, as the report's breakdown groups the test rows. */
  static final String OBSERVED = "observed earlier video";
  static final String UNOBSERVED = "earlier post, none observed before";
  static final String NO_EARLIER_POST = "no earlier post";

  /** {@code history[i]} is the history of {@code videos.get(i)}, the video of {@code rows}' row i. */
  static AuthorHistoryRows of(ViralityRows rows, List<VnFeedData.Video> videos, Wire.AuthorHistory[] history) {
    int n = videos.size();
    float[][] full = new float[n][];
    float[][] authorOnly = new float[n][];
    boolean[] has = new boolean[n];
    String[] earlier = new String[n];
    String[] kinds = new String[n];
    String[] files = new String[n];
    int metaCount = ViralityTask.FEATURES.size();
    for (int i = 0; i < n; i++) {
      float[] f = ViralityTask.features(videos.get(i), history[i]);
      full[i] = RunSupport.concat(rows.caption(i, metaCount), f);
      authorOnly[i] = Arrays.copyOfRange(f, metaCount, f.length);
      has[i] = history[i].count() > 0;
      boolean posted = has[i] || history[i].meanGapHours() > 0;
      earlier[i] = posted ? "earlier post" : NO_EARLIER_POST;
      kinds[i] = has[i] ? OBSERVED : posted ? UNOBSERVED : NO_EARLIER_POST;
      files[i] = videos.get(i).file();
    }
    return new AuthorHistoryRows(full, authorOnly, has, earlier, kinds, files);
  }

  /** The rows of {@code idx} whose author has an observed earlier video. */
  int[] withHistory(int[] idx) {
    return Arrays.stream(idx).filter(i -> has[i]).toArray();
  }

  /** The rows of {@code idx} whose author has none. */
  int[] withoutHistory(int[] idx) {
    return Arrays.stream(idx).filter(i -> !has[i]).toArray();
  }
}
