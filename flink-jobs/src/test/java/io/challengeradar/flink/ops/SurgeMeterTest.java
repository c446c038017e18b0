package io.challengeradar.flink.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.flink.SurgeSettings;
import io.challengeradar.flink.ops.SurgeMeter.Trend;
import org.junit.jupiter.api.Test;

class SurgeMeterTest {
  /** Three recent windows against a baseline over about four, at least 1 per window. */
  static final SurgeMeter METER = new SurgeMeter(new SurgeSettings(3, 4, 1.0));

  static Trend feed(long... newParticipants) {
    Trend t = Trend.start();
    for (long n : newParticipants) {
      t = METER.next(t, 0, n);
    }
    return t;
  }

  @Test
  void nothingSurgesBeforeAWindowHasLeftTheRecentSpan() {
    // Every tag looks new when the job starts; a tag must first have a past to run above.
    Trend t = feed(50, 60, 70);

    assertThat(t.baselineKnown()).isFalse();
    assertThat(t.surge()).isZero();
    assertThat(t.recentNewParticipants()).isEqualTo(180);
  }

  @Test
  void aSteadyTagStaysAtASurgeOfOne() {
    Trend t = feed(8, 8, 8, 8, 8, 8, 8, 8);

    assertThat(t.baseline()).isCloseTo(8.0, within(1e-9));
    assertThat(t.surge()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aTagRunningFarAboveItsOwnPastSurges() {
    Trend t = feed(2, 2, 2, 2, 2, 10, 12, 14);

    // Baseline: windows that left the recent span (2, 2, 2, 2, 2) = 2; recent 36 over 3 x 2.
    assertThat(t.baseline()).isCloseTo(2.0, within(1e-9));
    assertThat(t.surge()).isCloseTo(6.0, within(1e-9));
    assertThat(t.peakSurge()).isCloseTo(6.0, within(1e-9));
  }

  @Test
  void theFloorKeepsATagWithAlmostNoPastFromSurgingOnAFewPosts() {
    Trend t = feed(0, 0, 0, 0, 1, 1, 2);

    // Baseline 0, taken as 1 per window: 4 recent new participants are a surge of 4 / 3.
    assertThat(t.surge()).isCloseTo(4.0 / 3, within(1e-9));
  }

  @Test
  void windowsSkippedWhileTheTagWasIdleCountAsEmpty() {
    Trend skipped = METER.next(feed(6, 6, 6, 6), 2, 6);
    Trend explicit = feed(6, 6, 6, 6, 0, 0, 6);

    assertThat(skipped.recent()).containsExactly(explicit.recent());
    assertThat(skipped.baseline()).isCloseTo(explicit.baseline(), within(1e-9));
    assertThat(skipped.surge()).isCloseTo(explicit.surge(), within(1e-9));
  }

  @Test
  void remembersThePeakSurgeForRecentPlusBaselineWindowsOnly() {
    Trend peak = feed(2, 2, 2, 2, 2, 10, 12, 14);
    Trend t = peak;
    for (int i = 0; i < 6; i++) {
      t = METER.next(t, 0, 0);
    }
    assertThat(t.peakSurge()).isEqualTo(peak.peakSurge());

    t = METER.next(t, 0, 0);
    assertThat(t.peakSurge()).isEqualTo(t.surge()).isLessThan(peak.peakSurge());
  }
}
