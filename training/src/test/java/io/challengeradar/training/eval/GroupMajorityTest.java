package io.challengeradar.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupMajorityTest {

  @Test
  void predictsEachGroupsMajorityAmongTrainingRowsOnly() {
    // Training rows 0-5: "feed" is 2 of 3 positive, "histories" 1 of 3. The test rows' own labels
    // (6-9) would flip both majorities if they were counted.
    String[] groups = {"feed", "feed", "feed", "histories", "histories", "histories",
        "feed", "feed", "histories", "histories"};
    float[] labels = {1, 1, 0, 1, 0, 0, 0, 0, 1, 1};
    int[] train = {0, 1, 2, 3, 4, 5};
    int[] test = {6, 8, 9, 7};

    float[] predicted = GroupMajority.predict(groups, labels, train, test);

    assertThat(predicted).containsExactly(1, 0, 0, 1);
  }

  @Test
  void aTieOrAGroupWithoutTrainingRowsCountsAsPositive() {
    String[] groups = {"a", "a", "unseen"};
    float[] labels = {1, 0, 0};

    float[] predicted = GroupMajority.predict(groups, labels, new int[] {0, 1}, new int[] {0, 2});

    assertThat(predicted).containsExactly(1, 1);
  }

  @Test
  void rejectsGroupsAndLabelsOfDifferentLengths() {
    assertThatThrownBy(() -> GroupMajority.predict(new String[2], new float[3], new int[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups has 2 values but labels has 3");
  }
}
