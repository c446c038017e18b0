package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.BEGINNING;
import static io.challengeradar.flink.TestEvents.HOUR;
import static io.challengeradar.flink.model.Windows.aWindow;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.ops.ChallengePatterns.StagePattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Each lifecycle pattern in a CEP operator harness, fed one tag's windows with watermarks. */
class ChallengePatternsTest {
  static final CepThresholds THRESHOLDS = CepThresholds.defaults();

  /** A score (and lift) above the surge thresholds; and one of a tag at its usual share. */
  static final double SURGING = CepThresholds.MIN_SCORE.defaultValue() + 2;
  static final double USUAL = 1.0;
  /** Every window's volume: new participants of all tags. */
  static final long VOLUME = 400;

  /**
   * Hourly windows of one hashtag with the given new participants out of {@link #VOLUME}, all
   * surging (a challenge); every other figure follows from those, as the detector computes it.
   */
  static List<WindowStats> series(long... newParticipants) {
    double[] surges = new double[newParticipants.length];
    java.util.Arrays.fill(surges, SURGING);
    return series(newParticipants, surges);
  }

  /**
   * The same with the score of each window (its lift is the same number); the peak score and the
   * peak recent share are the highest so far.
   */
  static List<WindowStats> series(long[] newParticipants, double[] surges) {
    List<WindowStats> windows = new ArrayList<>();
    long cumulative = 0;
    long previous = 0;
    double peak = 0;
    double peakShare = 0;
    for (int i = 0; i < newParticipants.length; i++) {
      long n = newParticipants[i];
      peak = Math.max(peak, surges[i]);
      peakShare = Math.max(peakShare, (double) n / VOLUME);
      Instant start = BEGINNING.plus(HOUR.multipliedBy(i));
      windows.add(aWindow().hashtag("dance").hourFrom(start)
          .newPosts(n).participants(n).newParticipants(n).cumulativeParticipants(cumulative + n)
          .viewsGained(n * 100).participantGrowth((double) n / Math.max(1, cumulative))
          .previousNewParticipants(previous).windowVolume(VOLUME)
          .share((double) n / VOLUME).previousShare((double) previous / VOLUME)
          .recentNewParticipants(n * 3).recentShare((double) n / VOLUME)
          .previousRecentShare((double) previous / VOLUME)
          .baselineShare((double) n / VOLUME / surges[i]).lift(surges[i])
          .score(surges[i]).peakScore(peak).peakRecentShare(peakShare)
          .firstSeen(BEGINNING).sampleVideos("v" + i).earliestParticipants("a0")
          .build());
      cumulative += n;
      previous = n;
    }
    return windows;
  }

  static long[] flat(int windows, long n) {
    long[] out = new long[windows];
    java.util.Arrays.fill(out, n);
    return out;
  }

  /** Runs the pattern over the windows, a watermark after each, and returns the alerts. */
  static List<ChallengeAlert> run(StagePattern p, List<WindowStats> windows) throws Exception {
    CepOperator<WindowStats, String, ChallengeAlert> operator = new CepOperator<>(
        TypeInformation.of(WindowStats.class).createSerializer(new SerializerConfigImpl()),
        false,
        NFACompiler.compileFactory(p.pattern(), false),
        null,
        p.pattern().getAfterMatchSkipStrategy(),
        new AlertOnMatch(p.stage(), p.steps(), 5),
        null);
    KeyedOneInputStreamOperatorTestHarness<String, WindowStats, ChallengeAlert> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(operator, WindowStats::key, Types.STRING);
    try {
      harness.open();
      for (WindowStats w : windows) {
        long emittedAt = w.windowEnd().toEpochMilli() - 1;
        int before = harness.extractOutputValues().size();
        harness.processElement(new StreamRecord<>(w, emittedAt));
        // CEP in event time holds each window until the watermark passes it.
        assertThat(harness.extractOutputValues()).hasSize(before);
        harness.processWatermark(emittedAt);
      }
      return harness.extractOutputValues();
    } finally {
      harness.close();
    }
  }

  static Instant endOfHour(int i) {
    return BEGINNING.plus(HOUR.multipliedBy(i + 1L));
  }

  @Test
  void emergingNeedsTwoSurgingWindowsInARow() throws Exception {
    List<ChallengeAlert> alerts = run(ChallengePatterns.emerging(THRESHOLDS),
        series(new long[] {5, 6, 8, 9}, new double[] {USUAL, SURGING, SURGING, SURGING}));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.EMERGING);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(2));
      assertThat(a.id()).isEqualTo("hashtag:dance:EMERGING:" + endOfHour(2).toEpochMilli());
      assertThat(a.windows()).extracting(w -> w.counts().newParticipants()).containsExactly(6L, 8L);
      assertThat(a.sampleVideos()).containsExactly("v2", "v1");
      assertThat(a.firstSeen()).isEqualTo(BEGINNING);
    });
  }

  @Test
  void emergingIsNotTriggeredWhenOneWindowInTheRunFallsBackToTheUsualRate() throws Exception {
    assertThat(run(ChallengePatterns.emerging(THRESHOLDS),
        series(new long[] {9, 9, 9, 9}, new double[] {SURGING, USUAL, SURGING, USUAL})))
        .isEmpty();
  }

  @Test
  void emergingIgnoresABigTagThatGrowsAtItsUsualRate() throws Exception {
    // A tag like #fyp: many new participants every hour, but no more than it always gets.
    long[] busy = {40, 60, 90, 135, 200, 300};
    double[] usual = {USUAL, USUAL, USUAL, USUAL, USUAL, USUAL};

    assertThat(run(ChallengePatterns.emerging(THRESHOLDS), series(busy, usual))).isEmpty();
  }

  @Test
  void emergingFollowsTheThresholdsOfTheConfiguration() throws Exception {
    CepThresholds configured = io.challengeradar.flink.ItPipelines.options(
        "cep.emerging.windows", "1", "cep.min-score", "2", "cep.min-lift", "1.5").cep();

    assertThat(run(ChallengePatterns.emerging(configured),
        series(new long[] {5, 2, 8, 9}, new double[] {2.1, 1.9, 1.5, 2.0})))
        .extracting(ChallengeAlert::detectedAt)
        .containsExactly(endOfHour(0), endOfHour(3));
  }

  @Test
  void acceleratingNeedsTheShareToMultiplyWindowAfterWindow() throws Exception {
    List<ChallengeAlert> alerts =
        run(ChallengePatterns.accelerating(THRESHOLDS), series(10, 15, 25, 26));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.ACCELERATING);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(2));
      assertThat(a.windows()).extracting(w -> w.counts().newParticipants())
          .containsExactly(15L, 25L);
    });
  }

  @Test
  void acceleratingIsNotTriggeredBySteadyGrowth() throws Exception {
    assertThat(run(ChallengePatterns.accelerating(THRESHOLDS), series(10, 11, 12, 13))).isEmpty();
  }

  @Test
  void acceleratingIsNotTriggeredByTheDailyRiseOfAnOrdinaryTag() throws Exception {
    assertThat(run(ChallengePatterns.accelerating(THRESHOLDS),
        series(new long[] {10, 15, 25, 26}, new double[] {USUAL, USUAL, 1.4, 3.0}))).isEmpty();
  }

  @Test
  void peakedIsABigWindowFollowedByAClearDrop() throws Exception {
    List<ChallengeAlert> alerts =
        run(ChallengePatterns.peaked(THRESHOLDS), series(12, 20, 10, 9));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.PEAKED);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(2));
      assertThat(a.windows()).extracting(w -> w.counts().newParticipants())
          .containsExactly(20L, 10L);
    });
  }

  @Test
  void peakedIsNotTriggeredByASmallDip() throws Exception {
    assertThat(run(ChallengePatterns.peaked(THRESHOLDS), series(12, 20, 18, 17))).isEmpty();
  }

  @Test
  void peakedIsNotTriggeredByTheDailyEbbOfAnOrdinaryTag() throws Exception {
    assertThat(run(ChallengePatterns.peaked(THRESHOLDS),
        series(new long[] {12, 20, 10, 9}, new double[] {USUAL, USUAL, USUAL, USUAL})))
        .isEmpty();
  }

  @Test
  void fadingNeedsThreeWindowsInARowBackBelowTheSurgeAfterASurge() throws Exception {
    List<ChallengeAlert> alerts = run(ChallengePatterns.fading(THRESHOLDS), series(
        new long[] {30, 20, 12, 6, 0, 0}, new double[] {SURGING, SURGING, 2, USUAL, 0, 0}));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.FADING);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(4));
      assertThat(a.windows()).extracting(w -> w.counts().newParticipants())
          .containsExactly(12L, 6L, 0L);
    });
  }

  @Test
  void fadingIsNotRaisedWhileTheShareStillClimbsThroughAOneWindowDip() throws Exception {
    // The baseline catches up with a climbing challenge: its score falls under the surge
    // threshold while its share still rises, with one window's dip (30 -> 22) on the way.
    assertThat(run(ChallengePatterns.fading(THRESHOLDS), series(
        new long[] {10, 16, 24, 30, 22, 34, 40, 44},
        new double[] {SURGING, SURGING, SURGING, 4, 3, 2.5, 2, 1.5}))).isEmpty();
  }

  @Test
  void fadingIsRaisedOnceTheShareRunsWellBelowItsPeakForARunOfWindows() throws Exception {
    List<ChallengeAlert> alerts = run(ChallengePatterns.fading(THRESHOLDS), series(
        new long[] {10, 16, 24, 30, 22, 34, 40, 44, 30, 20, 14, 10, 8},
        new double[] {SURGING, SURGING, SURGING, 4, 3, 2.5, 2, 1.5, 1, 0.5, 0, 0, 0}));

    // 30 is above half the peak of 44; 20, 14 and 10 are the first three windows at most half.
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.detectedAt()).isEqualTo(endOfHour(11));
      assertThat(a.windows()).extracting(w -> w.counts().newParticipants())
          .containsExactly(20L, 14L, 10L);
      assertThat(a.windows()).allSatisfy(w -> assertThat(w.trend().recentShare())
          .isLessThanOrEqualTo(0.5 * w.trend().peakRecentShare()));
    });
  }

  @Test
  void fadingFollowsTheShareOfPeakOfTheConfiguration() throws Exception {
    CepThresholds configured = io.challengeradar.flink.ItPipelines.options(
        "cep.fading.max-share-of-peak", "0.75").cep();

    // At three quarters of the peak, the fall from 44 to 30 (0.68) already counts.
    assertThat(run(ChallengePatterns.fading(configured), series(
        new long[] {10, 16, 24, 30, 22, 34, 40, 44, 30, 20, 14, 10, 8},
        new double[] {SURGING, SURGING, SURGING, 4, 3, 2.5, 2, 1.5, 1, 0.5, 0, 0, 0})))
        .extracting(ChallengeAlert::detectedAt).containsExactly(endOfHour(10));
  }

  @Test
  void fadingIgnoresABigTagThatNeverSurged() throws Exception {
    // An ordinary tag whose audience is used up: new participants fall, but it never surged.
    assertThat(run(ChallengePatterns.fading(THRESHOLDS),
        series(new long[] {30, 20, 12, 6, 0, 0}, new double[] {1.2, 1.0, 0.8, 0.5, 0.3, 0.2})))
        .isEmpty();
  }

  @Test
  void fadingIgnoresTagsThatNeverHadEnoughParticipants() throws Exception {
    assertThat(run(ChallengePatterns.fading(THRESHOLDS), series(new long[] {8, 6, 4, 2},
        new double[] {SURGING, USUAL, USUAL, USUAL}))).isEmpty();
  }
}
