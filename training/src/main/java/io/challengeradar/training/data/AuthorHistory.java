package io.challengeradar.training.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an author's earlier videos say about the next one: the mean target (ln(1 + views)) of the
 * author's training videos posted strictly before each video. Only training rows feed it, so a test
 * video never sees its own label or another test video's; "strictly before" keeps a training video
 * from seeing its own label or later ones.
 */
public final class AuthorHistory {

  /** The feature names, in the order {@link #priorMean} returns them. */
  public static final List<String> FEATURES = List.of("author_prior_log_views", "author_has_prior");

  private AuthorHistory() {}

  /**
   * @param fallback the value of the first feature when an author has no earlier training video
   *     (the training rows' mean, so the feature carries no information there; the second feature
   *     says so)
   * @return one row per video: {@code {prior mean or fallback, 1 if there was a prior else 0}}
   */
  public static float[][] priorMean(
      String[] users, long[] times, float[] target, int[] trainRows, float fallback) {
    if (users.length != times.length || users.length != target.length) {
      throw new IllegalArgumentException(
          "users, times and target must have one entry per video, had " + users.length + ", "
              + times.length + ", " + target.length);
    }
    Map<String, List<Integer>> byUser = new HashMap<>();
    for (int j : trainRows) {
      byUser.computeIfAbsent(users[j], u -> new ArrayList<>()).add(j);
    }
    float[][] out = new float[users.length][];
    for (int i = 0; i < users.length; i++) {
      double sum = 0;
      int n = 0;
      for (int j : byUser.getOrDefault(users[i], List.of())) {
        if (times[j] < times[i]) {
          sum += target[j];
          n++;
        }
      }
      out[i] = n == 0 ? new float[] {fallback, 0} : new float[] {(float) (sum / n), 1};
    }
    return out;
  }
}
