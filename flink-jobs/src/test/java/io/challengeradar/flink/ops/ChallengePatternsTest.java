package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.BEGINNING;
import static io.challengeradar.flink.TestEvents.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.Stage;
import io.challengeradar.flink.model.TagKind;
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

  /**
   * Hourly windows of one hashtag with the given new participants each; every other figure
   * follows from those, as TrendWindows would compute it.
   */
  static List<WindowStats> series(long... newParticipants) {
    List<WindowStats> windows = new ArrayList<>();
    long cumulative = 0;
    long previous = 0;
    for (int i = 0; i < newParticipants.length; i++) {
      long n = newParticipants[i];
      Instant start = BEGINNING.plus(HOUR.multipliedBy(i));
      windows.add(new WindowStats(TagKind.HASHTAG, "dance", start, start.plus(HOUR), n, n, n,
          cumulative + n, n * 100, (double) n / Math.max(1, cumulative), previous, 0, BEGINNING,
          new String[] {"v" + i}, new String[] {"a0"}));
      cumulative += n;
      previous = n;
    }
    return windows;
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
  void emergingNeedsThreeGrowingWindowsInARow() throws Exception {
    List<ChallengeAlert> alerts =
        run(ChallengePatterns.emerging(THRESHOLDS), series(5, 6, 8, 9));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.EMERGING);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(2));
      assertThat(a.id()).isEqualTo("hashtag:dance:EMERGING:" + endOfHour(2).toEpochMilli());
      assertThat(a.windows()).extracting(WindowStats::newParticipants)
          .containsExactly(5L, 6L, 8L);
      assertThat(a.sampleVideos()).containsExactly("v2", "v1", "v0");
      assertThat(a.firstSeen()).isEqualTo(BEGINNING);
    });
  }

  @Test
  void emergingIsNotTriggeredWhenOneWindowInTheRunHasTooFewNewParticipants() throws Exception {
    assertThat(run(ChallengePatterns.emerging(THRESHOLDS), series(5, 2, 8, 9))).isEmpty();
  }

  @Test
  void emergingFollowsTheThresholdsOfTheConfiguration() throws Exception {
    Properties p = new Properties();
    p.setProperty(PipelineOptions.Keys.EMERGING_WINDOWS, "2");
    p.setProperty(PipelineOptions.Keys.EMERGING_MIN_NEW, "2");
    CepThresholds configured = PipelineOptions.fromProperties(p).cep();

    assertThat(run(ChallengePatterns.emerging(configured), series(5, 2, 8, 9)))
        .extracting(ChallengeAlert::detectedAt)
        .containsExactly(endOfHour(1), endOfHour(3));
  }

  @Test
  void acceleratingNeedsNewParticipantsToMultiplyWindowAfterWindow() throws Exception {
    List<ChallengeAlert> alerts =
        run(ChallengePatterns.accelerating(THRESHOLDS), series(10, 15, 25, 26));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.ACCELERATING);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(2));
      assertThat(a.windows()).extracting(WindowStats::newParticipants).containsExactly(15L, 25L);
    });
  }

  @Test
  void acceleratingIsNotTriggeredBySteadyGrowth() throws Exception {
    assertThat(run(ChallengePatterns.accelerating(THRESHOLDS), series(10, 12, 14, 16))).isEmpty();
  }

  @Test
  void peakedIsABigWindowFollowedByAClearDrop() throws Exception {
    List<ChallengeAlert> alerts =
        run(ChallengePatterns.peaked(THRESHOLDS), series(12, 20, 10, 9));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.PEAKED);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(2));
      assertThat(a.windows()).extracting(WindowStats::newParticipants).containsExactly(20L, 10L);
    });
  }

  @Test
  void peakedIsNotTriggeredByASmallDip() throws Exception {
    assertThat(run(ChallengePatterns.peaked(THRESHOLDS), series(12, 20, 18, 17))).isEmpty();
  }

  @Test
  void fadingNeedsThreeDecliningWindowsInARow() throws Exception {
    List<ChallengeAlert> alerts =
        run(ChallengePatterns.fading(THRESHOLDS), series(30, 20, 12, 6, 0, 0));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.stage()).isEqualTo(Stage.FADING);
      assertThat(a.detectedAt()).isEqualTo(endOfHour(3));
      assertThat(a.windows()).extracting(WindowStats::newParticipants)
          .containsExactly(20L, 12L, 6L);
    });
  }

  @Test
  void fadingIgnoresTagsThatNeverHadEnoughParticipants() throws Exception {
    assertThat(run(ChallengePatterns.fading(THRESHOLDS), series(8, 6, 4, 2))).isEmpty();
  }
}
