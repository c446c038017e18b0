package io.challengeradar.serving.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The one author summary: earlier, observed-before-the-post videos only, and bounded. */
class AuthorTrackTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void summarisesOnlyVideosPostedAndObservedBeforeThePost() {
    AuthorTrack t = AuthorTrack.empty()
        .posted("a", 0, 20).observed("a", 1 * HOUR, 99, 10)
        .posted("b", 2 * HOUR, 20).observed("b", 3 * HOUR, 9_999, 100)
        .posted("c", 10 * HOUR, 20).observed("c", 11 * HOUR, 1_000_000, 0);

    Wire.AuthorHistory h = t.summaryAt("d", 4 * HOUR);

    // a and b count; c was posted after d; b's mean gap: 4 hours since a over 2 earlier posts.
    assertThat(h.count()).isEqualTo(2);
    assertThat(h.meanLogViews()).isCloseTo((Math.log(100) + Math.log(10_000)) / 2, within(1e-12));
    assertThat(h.sdLogViews()).isCloseTo((Math.log(10_000) - Math.log(100)) / 2, within(1e-9));
    assertThat(h.meanEngagementRate()).isCloseTo((10 / 99.0 + 100 / 9_999.0) / 2, within(1e-12));
    assertThat(h.meanGapHours()).isCloseTo(2.0, within(1e-12));
    assertThat(t.summaryAt("b", 2 * HOUR).count()).as("b's own counts never").isEqualTo(1);
    assertThat(t.summaryAt("x", 2 * HOUR + 1).count())
        .as("b posted before x but observed after it").isEqualTo(1);
  }

  @Test
  void keepsTheNewestVideosAndTheLatestObservation() {
    AuthorTrack t = AuthorTrack.empty();
    for (int i = 0; i < 5; i++) {
      t = t.posted("v" + i, i * HOUR, 3);
    }
    t = t.observed("v4", 10 * HOUR, 50, 5).observed("v4", 9 * HOUR, 40, 4).observed("v0", HOUR, 1, 1);

    assertThat(t.videos()).extracting(AuthorTrack.TrackedVideo::videoId)
        .containsExactly("v4", "v3", "v2");
    assertThat(t.videos()[0].views()).as("an older observation does not replace a newer").isEqualTo(50);
    assertThat(t.posted("v4", 4 * HOUR, 3)).as("a replayed post changes nothing").isEqualTo(t);
  }
}
