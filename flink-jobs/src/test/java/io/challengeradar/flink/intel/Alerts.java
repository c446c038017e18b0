package io.challengeradar.flink.intel;

import static io.challengeradar.flink.model.Windows.aWindow;
import static io.challengeradar.flink.model.Windows.alertOn;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import java.time.Instant;

/** Alerts for intelligence tests: one trigger window ending at the given time. */
final class Alerts {
  static final Instant DAY_ONE = Instant.parse("2024-03-01T00:00:00Z");

  private Alerts() {}

  static Instant hours(long h) {
    return DAY_ONE.plusSeconds(h * 3600);
  }

  static ChallengeAlert alert(String tag, Stage stage, Instant windowEnd) {
    // Only the tag, the stage and the time matter to the intelligence, not the window's figures.
    return alertOn(stage, aWindow().hashtag(tag).hourTo(windowEnd).firstSeen(DAY_ONE)
        .sampleVideos("v1").earliestParticipants("a1")
        .build());
  }

  static ChallengeAssessment assessed(String tag, Stage stage, Instant windowEnd,
      float[] representation) {
    return new ChallengeAssessment(alert(tag, stage, windowEnd), representation,
        representation == null ? 0 : 10, null, null);
  }
}
