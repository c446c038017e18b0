package io.challengeradar.flink.intel;

import static io.challengeradar.flink.intel.Vectors384.axis;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.intel.CandidateRules.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UserHistoryTest {
  private static final long HOUR = 3_600_000L;
  private static final String CRATES = "hashtag:crates";

  private static UserVideo video(String id, long hour, float[] embedding, String... challenges) {
    return new UserVideo("u1", id, hour * HOUR, challenges, embedding);
  }

  @Test
  void keepsTheNewestVideosUpToTheBoundNewestFirst() {
    UserHistory h = UserHistory.empty();
    for (int i = 0; i < 12; i++) {
      // out of order on purpose: the history sorts by creation time, not arrival
      int hour = (i * 7) % 12;
      h = h.with(video("v" + hour, hour, axis(0), "hashtag:t" + hour), 8, 64);
    }

    assertThat(h.videos()).hasSize(8);
    assertThat(h.videos()).extracting(UserVideo::videoId)
        .containsExactly("v11", "v10", "v9", "v8", "v7", "v6", "v5", "v4");
    assertThat(h.lastActiveMillis()).isEqualTo(11 * HOUR);
  }

  @Test
  void aVideoAddedTwiceCountsOnce() {
    UserHistory h = UserHistory.empty()
        .with(video("v1", 1, axis(0)), 8, 64)
        .with(video("v1", 1, axis(0)), 8, 64);

    assertThat(h.videos()).hasSize(1);
  }

  @Test
  void representationIsTheMeanOfTheVideosOutsideTheChallenge() {
    UserHistory h = UserHistory.empty()
        .with(video("v1", 1, axis(0), "hashtag:a"), 8, 64)
        .with(video("v2", 2, axis(2), "hashtag:b"), 8, 64)
        .with(video("v3", 3, axis(1), CRATES, "hashtag:b"), 8, 64);

    float[] r = h.representationFor(CRATES);

    assertThat(r[0]).isEqualTo(0.5f);
    assertThat(r[2]).isEqualTo(0.5f);
    assertThat(r[1]).as("the challenge's own video is left out").isZero();
    assertThat(h.outside(CRATES)).hasSize(2);
  }

  @Test
  void remembersJoiningAChallengeAfterItsVideoLeftTheWindow() {
    UserHistory h = UserHistory.empty().with(video("v0", 0, axis(0), CRATES), 2, 64);
    h = h.with(video("v1", 1, axis(0), "hashtag:a"), 2, 64)
        .with(video("v2", 2, axis(0), "hashtag:a"), 2, 64);

    assertThat(h.videos()).extracting(UserVideo::videoId).doesNotContain("v0");
    assertThat(h.joined(CRATES)).isTrue();
  }

  @Test
  void tagMemoryIsBoundedToTheMostRecentTags() {
    UserHistory h = UserHistory.empty();
    for (int i = 0; i < 10; i++) {
      h = h.with(video("v" + i, i, axis(0), "hashtag:t" + i), 8, 4);
    }

    assertThat(h.challenges()).containsExactly("hashtag:t9", "hashtag:t8", "hashtag:t7",
        "hashtag:t6");
  }

  @Test
  void rulesSayWhyAUserIsOrIsNotACandidate() {
    CandidateRules rules = new CandidateRules(Duration.ofHours(24), 2);
    UserHistory two = UserHistory.empty()
        .with(video("v1", 10, axis(0), "hashtag:a"), 8, 64)
        .with(video("v2", 20, axis(0), "hashtag:b"), 8, 64);

    assertThat(rules.judge(two, CRATES, 30 * HOUR)).isEqualTo(Verdict.CANDIDATE);
    assertThat(rules.judge(two, CRATES, 45 * HOUR)).isEqualTo(Verdict.INACTIVE);
    assertThat(rules.judge(two, "hashtag:a", 30 * HOUR)).isEqualTo(Verdict.JOINED);
    assertThat(rules.judge(two.with(video("v3", 21, axis(0), CRATES), 2, 64), "hashtag:b",
        30 * HOUR)).isEqualTo(Verdict.JOINED);
    UserHistory one = UserHistory.empty().with(video("v1", 10, axis(0), "hashtag:a"), 8, 64);
    assertThat(rules.judge(one, CRATES, 20 * HOUR)).isEqualTo(Verdict.TOO_FEW_VIDEOS);
    assertThat(rules.candidate("u1", two, CRATES).videos()).isEqualTo(2);
  }
}
