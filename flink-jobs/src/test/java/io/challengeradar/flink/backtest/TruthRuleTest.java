package io.challengeradar.flink.backtest;

import static io.challengeradar.flink.backtest.ScoringTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The truth rule over hand-made daily series. */
class TruthRuleTest {

  private static final Instant FIRST_DAY = Instant.parse("2024-03-01T12:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  /**
   * Twenty days of background: 30 authors a day on #background, #fyp every day. Then what each
   * test adds.
   */
  private static TagSeries.Builder background() {
    TagSeries.Builder b = new TagSeries.Builder();
    for (int d = 0; d < 20; d++) {
      for (int a = 0; a < 30; a++) {
        b.add(post("bg" + d + "-" + a, "bg" + d + "-" + a, FIRST_DAY.plus(DAY.multipliedBy(d)),
            "background", "fyp"));
      }
    }
    return b;
  }

  private static void burst(TagSeries.Builder b, String tag, int day, int authors) {
    for (int a = 0; a < authors; a++) {
      b.add(post(tag + day + "-" + a, tag + day + "-" + a,
          FIRST_DAY.plus(DAY.multipliedBy(day)), tag));
    }
  }

  @Test
  void aNewTagBornInItsBurstIsFound() {
    TagSeries.Builder b = background();
    burst(b, "crocs", 12, 4);
    burst(b, "crocs", 13, 14);
    burst(b, "crocs", 14, 6);

    List<TruthEntry> truth = TruthRule.defaults().apply(b.build(DAY), "hashtag");

    assertThat(truth).extracting(e -> e.key().tag()).containsExactly("crocs");
    TruthEntry e = truth.get(0);
    assertThat(e.burstDay()).isEqualTo(LocalDate.parse("2024-03-14"));
    assertThat(e.peakDay()).isEqualTo(LocalDate.parse("2024-03-14"));
    assertThat(e.authors()).isEqualTo(24);
    assertThat(e.daily()).containsEntry(LocalDate.parse("2024-03-14"), 14L).hasSize(3);
    assertThat(e.rise()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aTagPresentThroughoutIsEvergreenEvenWhenItJumps() {
    TagSeries.Builder b = background();
    burst(b, "fyp", 15, 60);

    assertThat(TruthRule.defaults().apply(b.build(DAY), "hashtag")).isEmpty();
  }

  @Test
  void fewAuthorsAreNoTrendHoweverManyPosts() {
    TagSeries.Builder b = background();
    for (int i = 0; i < 300; i++) {
      b.add(post("spam" + i, "spammer" + (i % 3), FIRST_DAY.plus(DAY.multipliedBy(14)), "spam"));
    }

    assertThat(TruthRule.defaults().apply(b.build(DAY), "hashtag")).isEmpty();
  }

  @Test
  void aSteadyRiseBelowTheFactorIsNotATrend() {
    TagSeries.Builder b = background();
    for (int d = 8; d < 20; d++) {
      burst(b, "steady", d, 2 + (d - 8) / 4);
    }

    assertThat(TruthRule.defaults().apply(b.build(DAY), "hashtag")).isEmpty();
  }

  @Test
  void aDataSetOfOneDayIsRefusedSayingWhy() {
    TagSeries.Builder b = new TagSeries.Builder();
    burst(b, "only", 0, 50);

    assertThatThrownBy(() -> TruthRule.defaults().apply(b.build(DAY), "hashtag"))
        .isInstanceOf(TruthRule.UnsupportedDataException.class)
        .hasMessageContaining("spans 1 day(s) (2024-03-01)")
        .hasMessageContaining("at least 4 days");
  }

  @Test
  void dataWithoutTheKindIsRefused() {
    assertThatThrownBy(() -> TruthRule.defaults().apply(background().build(DAY), "sound"))
        .isInstanceOf(TruthRule.UnsupportedDataException.class)
        .hasMessageContaining("no sound");
  }
}
