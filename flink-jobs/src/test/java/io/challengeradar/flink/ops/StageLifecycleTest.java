package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.BEGINNING;
import static io.challengeradar.flink.TestEvents.HOUR;
import static io.challengeradar.flink.model.Windows.aWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.WindowStats;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle in a harness: matches of the four patterns arrive, in any order, with the fire
 * time of their last window; the watermark then passes that window.
 */
class StageLifecycleTest {
  static final PipelineOptions OPTIONS = PipelineOptions.defaults();
  static final long LATENESS = OPTIONS.allowedLateness().toMillis();

  private KeyedOneInputStreamOperatorTestHarness<String, ChallengeAlert, ChallengeAlert> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new StageLifecycle(OPTIONS)), ChallengeAlert::key,
        Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  static Instant hourStart(int i) {
    return BEGINNING.plus(HOUR.multipliedBy(i));
  }

  /** A match of {@code stage} whose windows are hours {@code from..to} of #dance. */
  static ChallengeAlert match(Stage stage, int from, int to) {
    WindowStats[] windows = new WindowStats[to - from + 1];
    for (int i = from; i <= to; i++) {
      windows[i - from] = aWindow().hourFrom(hourStart(i)).newParticipants(10 + i)
          .share(0.1).baselineShare(0.01).score(8).windowVolume(100).build();
    }
    return ChallengeAlert.match(stage, windows, new String[0]);
  }

  /** Hands the matches of hour {@code i} over, then lets the watermark pass that hour. */
  void hour(int i, ChallengeAlert... matches) throws Exception {
    long fire = hourStart(i + 1).toEpochMilli() - 1 + LATENESS;
    for (ChallengeAlert m : matches) {
      harness.processElement(m, fire);
    }
    harness.processWatermark(fire);
  }

  List<ChallengeAlert> alerts() {
    return harness.extractOutputValues();
  }

  @Test
  void raisesOneStagePerWindowInLifecycleOrderWhateverTheArrivalOrder() throws Exception {
    hour(3, match(Stage.PEAKED, 2, 3), match(Stage.ACCELERATING, 2, 3),
        match(Stage.EMERGING, 2, 3));
    hour(4);
    hour(5);

    assertThat(alerts()).extracting(ChallengeAlert::stage, ChallengeAlert::detectedAt,
            ChallengeAlert::cycle)
        .containsExactly(tuple(Stage.EMERGING, hourStart(4), 1),
            tuple(Stage.ACCELERATING, hourStart(5), 1), tuple(Stage.PEAKED, hourStart(6), 1));
    // A delayed stage keeps the windows that matched it as its evidence.
    assertThat(alerts().get(2).evidence().triggerWindows())
        .containsExactly(hourStart(2), hourStart(3));
    assertThat(alerts().get(2).id())
        .isEqualTo("hashtag:dance:PEAKED:" + hourStart(6).toEpochMilli());
  }

  @Test
  void raisesEachMatchInItsOwnWindowWhenManyArriveBeforeTheirTimers() throws Exception {
    // Catching up (or at the end of the input) the matches of many windows come in one burst.
    long lastFire = hourStart(8).toEpochMilli() - 1 + LATENESS;
    harness.processElement(match(Stage.EMERGING, 0, 1), lastFire);
    harness.processElement(match(Stage.EMERGING, 2, 3), lastFire);
    harness.processElement(match(Stage.PEAKED, 4, 5), lastFire);
    harness.processWatermark(lastFire);

    assertThat(alerts()).extracting(ChallengeAlert::stage, ChallengeAlert::detectedAt)
        .containsExactly(tuple(Stage.EMERGING, hourStart(2)), tuple(Stage.PEAKED, hourStart(6)));
  }

  @Test
  void raisesEachStageOncePerCycle() throws Exception {
    hour(1, match(Stage.EMERGING, 0, 1));
    hour(3, match(Stage.EMERGING, 2, 3));
    hour(5, match(Stage.EMERGING, 4, 5), match(Stage.ACCELERATING, 4, 5));
    hour(7, match(Stage.ACCELERATING, 6, 7));

    assertThat(alerts()).extracting(ChallengeAlert::stage)
        .containsExactly(Stage.EMERGING, Stage.ACCELERATING);
  }

  @Test
  void neverGoesBackToAnEarlierStage() throws Exception {
    hour(1, match(Stage.EMERGING, 0, 1));
    hour(3, match(Stage.PEAKED, 2, 3));
    hour(5, match(Stage.ACCELERATING, 4, 5));
    hour(8, match(Stage.FADING, 6, 8));

    assertThat(alerts()).extracting(ChallengeAlert::stage)
        .containsExactly(Stage.EMERGING, Stage.PEAKED, Stage.FADING);
  }

  @Test
  void aCycleOpensOnlyWithEmerging() throws Exception {
    hour(1, match(Stage.ACCELERATING, 0, 1));
    hour(3, match(Stage.PEAKED, 2, 3));
    hour(6, match(Stage.FADING, 4, 6));
    hour(10);

    assertThat(alerts()).isEmpty();
  }

  @Test
  void emergingAfterFadingOpensTheNextCycle() throws Exception {
    hour(1, match(Stage.EMERGING, 0, 1));
    hour(4, match(Stage.FADING, 2, 4));
    hour(6, match(Stage.PEAKED, 5, 6));
    hour(20, match(Stage.EMERGING, 19, 20));
    hour(22, match(Stage.PEAKED, 21, 22));

    assertThat(alerts()).extracting(ChallengeAlert::stage, ChallengeAlert::cycle)
        .containsExactly(tuple(Stage.EMERGING, 1), tuple(Stage.FADING, 1),
            tuple(Stage.EMERGING, 2), tuple(Stage.PEAKED, 2));
  }

  @Test
  void aMatchThatWaitsTooLongIsDropped() throws Exception {
    hour(1, match(Stage.ACCELERATING, 0, 1));
    for (int i = 2; i < 2 + OPTIONS.cep().maxDelayWindows(); i++) {
      hour(i);
    }
    hour(10, match(Stage.EMERGING, 9, 10));
    hour(11);

    assertThat(alerts()).extracting(ChallengeAlert::stage).containsExactly(Stage.EMERGING);
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
