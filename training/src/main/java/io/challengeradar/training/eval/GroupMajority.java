package io.challengeradar.training.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * A one-feature rule: each row gets the majority class of the training rows in its group (a tie,
 * or a group with no training rows, counts as positive). It measures how much of a label a single
 * grouping explains, such as which file a row came from.
 */
public final class GroupMajority {

  private GroupMajority() {}

  /**
   * @param groups each row's group, for all rows
   * @param labels each row's label (positive when above 0.5), for all rows
   * @param train the rows the majorities are counted on
   * @param test the rows to predict
   * @return 1 or 0 per test row, in the order of {@code test}
   */
  public static float[] predict(String[] groups, float[] labels, int[] train, int[] test) {
    if (groups.length != labels.length) {
      throw new IllegalArgumentException(
          "groups has " + groups.length + " values but labels has " + labels.length);
    }
    Map<String, int[]> counts = new HashMap<>();
    for (int i : train) {
      int[] c = counts.computeIfAbsent(groups[i], g -> new int[2]);
      c[labels[i] > 0.5f ? 1 : 0]++;
    }
    float[] out = new float[test.length];
    for (int k = 0; k < test.length; k++) {
      int[] c = counts.getOrDefault(groups[test[k]], new int[2]);
      out[k] = c[1] >= c[0] ? 1 : 0;
    }
    return out;
  }
}
