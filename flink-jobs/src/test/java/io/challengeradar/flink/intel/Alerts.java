package io.challengeradar.flink.intel;

import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.WindowStats;
import java.time.Instant;

/** Alerts for intelligence tests: one trigger window ending at the given time. */
final class Alerts {
  static final Instant DAY_ONE = Instant.parse("2024-03-01T00:00:00Z");

  private Alerts() {}

  static Instant hours(long h) {
    return DAY_ONE.plusSeconds(h * 3600);
  }

  static ChallengeAlert alert(String tag, Stage stage, Instant windowEnd) {
    WindowStats w = new WindowStats(TagKind.HASHTAG, tag, windowEnd.minusSeconds(3600), windowEnd,
        6, 6, 5, 12, 3000, 0.7, 3, 1000, 5, 1.0, 3.0, 3.0, DAY_ONE, new String[] {"v1"}, new String[] {"a1"});
    return new ChallengeAlert(ChallengeAlert.idFor(TagKind.HASHTAG, tag, stage, windowEnd),
        TagKind.HASHTAG, tag, stage, windowEnd, DAY_ONE, new WindowStats[] {w},
        new String[] {"v1"}, new String[] {"a1"});
  }

  static ChallengeAssessment assessed(String tag, Stage stage, Instant windowEnd,
      float[] representation) {
    return new ChallengeAssessment(alert(tag, stage, windowEnd), representation,
        representation == null ? 0 : 10, null, null);
  }
}
