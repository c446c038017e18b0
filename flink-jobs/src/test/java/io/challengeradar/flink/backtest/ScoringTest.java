package io.challengeradar.flink.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.core.event.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring against hand-made truth and alerts: no job, no server. */
class ScoringTest {

  private static final Instant DAY_ONE = Instant.parse("2024-03-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  /**
   * #rising has 2, 5 and 20 new participants in hours 0, 1, 2 (peak window ends at 03:00);
   * #quiet 3 new participants in hour 0; #fyp 12 in hour 0; #other 1.
   */
  private static TagSeries series() {
    TagSeries.Builder b = new TagSeries.Builder();
    int[] rising = {2, 5, 20};
    int video = 0;
    for (int h = 0; h < rising.length; h++) {
      for (int a = 0; a < rising[h]; a++) {
        b.add(post("v" + video++, "r" + h + "-" + a, DAY_ONE.plus(HOUR.multipliedBy(h)), "rising"));
      }
    }
    for (int a = 0; a < 3; a++) {
      b.add(post("v" + video++, "q" + a, DAY_ONE, "quiet"));
    }
    for (int a = 0; a < 12; a++) {
      b.add(post("v" + video++, "f" + a, DAY_ONE, "fyp"));
    }
    b.add(post("v" + video, "o", DAY_ONE, "other"));
    return b.build(HOUR);
  }

  static Post post(String video, String author, Instant at, String... tags) {
    return Post.of(video, author, at, "", List.of(tags), null, null);
  }

  private static Detection alert(String tag, String stage, String at) {
    return Detection.of("hashtag", tag, stage, Instant.parse(at));
  }

  private static final List<TruthEntry> TRUTH =
      List.of(TruthEntry.of("hashtag", "rising"), TruthEntry.of("hashtag", "quiet"));

  @Test
  void leadIsThePeakWindowsEndMinusTheFirstAlert() {
    Score s = Scoring.score("radar", TRUTH, List.of(
        alert("rising", "PEAKED", "2024-03-01T04:00:00Z"),
        alert("rising", "EMERGING", "2024-03-01T01:30:00Z")), series(), 10);

    Score.Row rising = s.rows().get(0);
    assertThat(rising.detected()).isTrue();
    assertThat(rising.firstStage()).isEqualTo("EMERGING");
    assertThat(rising.peakEnd()).isEqualTo(Instant.parse("2024-03-01T03:00:00Z"));
    assertThat(rising.peakNewParticipants()).isEqualTo(20);
    assertThat(rising.leadHours()).isCloseTo(1.5, within(1e-9));
    assertThat(rising.flags()).hasSize(2);
    assertThat(s.medianLeadHours()).isCloseTo(1.5, within(1e-9));
    assertThat(s.earlyShare()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void precisionRecallAndTheFalseAlertsListed() {
    Score s = Scoring.score("radar", TRUTH, List.of(
        alert("rising", "EMERGING", "2024-03-01T02:00:00Z"),
        alert("fyp", "EMERGING", "2024-03-01T01:00:00Z"),
        alert("fyp", "FADING", "2024-03-01T05:00:00Z"),
        alert("other", "PEAKED", "2024-03-01T03:00:00Z")), series(), 10);

    assertThat(s.detected()).isEqualTo(1);
    assertThat(s.recall()).isCloseTo(0.5, within(1e-9));
    // One truth tag among three flagged tags.
    assertThat(s.precision()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(s.falseAlerts()).extracting(f -> f.key().tag()).containsExactly("fyp", "other");
    assertThat(s.falseAlerts().get(0).flags()).isEqualTo(2);
    // Non-truth tags that could have been flagged: #fyp (12 authors >= 10), plus #other, which
    // was flagged although it has one author.
    assertThat(s.falsePositiveRate()).isCloseTo(1.0, within(1e-9));
    assertThat(s.rows().get(1).detected()).isFalse();
    assertThat(s.rows().get(1).leadHours()).isNull();
  }

  @Test
  void anAlertAfterThePeakHasANegativeLeadAndIsNotEarly() {
    Score s = Scoring.score("radar", List.of(TruthEntry.of("hashtag", "rising")),
        List.of(alert("rising", "PEAKED", "2024-03-01T05:00:00Z")), series(), 10);

    assertThat(s.rows().get(0).leadHours()).isCloseTo(-2, within(1e-9));
    assertThat(s.earlyShare()).isZero();
    assertThat(s.meanLeadHours()).isCloseTo(-2, within(1e-9));
  }

  @Test
  void nothingFlaggedGivesNoPrecisionAndNoLead() {
    Score s = Scoring.score("radar", TRUTH, List.of(), series(), 10);

    assertThat(s.precision()).isNaN();
    assertThat(s.recall()).isZero();
    assertThat(s.medianLeadHours()).isNaN();
    assertThat(s.falseAlerts()).isEmpty();
  }

  @Test
  void kindsTheTruthListDoesNotNameAreNotScored() {
    Score s = Scoring.score("radar", TRUTH, List.of(
        Detection.of("sound", "m-1", "EMERGING", Instant.parse("2024-03-01T01:00:00Z"))),
        series(), 10);

    assertThat(s.falseAlerts()).isEmpty();
  }

  @Test
  void naiveBaselineFlagsTheFirstWindowAtTheThreshold() {
    List<Detection> flags = new ArrayList<>(new NaiveBaseline(5).detect(series()));
    flags.sort((a, b) -> a.key().compareTo(b.key()));

    assertThat(flags).extracting(d -> d.key().tag()).containsExactly("fyp", "rising");
    // #rising reaches 5 in hour 1: flagged at that window's end.
    assertThat(flags.get(1).at()).isEqualTo(Instant.parse("2024-03-01T02:00:00Z"));
    Score s = Scoring.score("naive", TRUTH, flags, series(), 10);
    assertThat(s.precision()).isCloseTo(0.5, within(1e-9));
    assertThat(s.rows().get(0).leadHours()).isCloseTo(1, within(1e-9));
  }

  @Test
  void seriesCountsAnAuthorOncePerTagAndAVideoOnce() {
    TagSeries.Builder b = new TagSeries.Builder();
    b.add(post("v1", "a", DAY_ONE, "spam"));
    b.add(post("v1", "b", DAY_ONE, "spam"));
    for (int i = 2; i < 100; i++) {
      b.add(post("v" + i, "a", DAY_ONE.plus(HOUR.multipliedBy(i % 5)), "spam"));
    }
    TagSeries s = b.build(HOUR);
    TagKey spam = new TagKey("hashtag", "spam");

    assertThat(s.authors(spam)).isEqualTo(1);
    assertThat(s.newParticipants(spam)).containsExactly(
        java.util.Map.entry(DAY_ONE.toEpochMilli(), 1L));
    assertThat(s.share(spam, DAY_ONE.toEpochMilli())).isEqualTo(1.0);
  }
}
