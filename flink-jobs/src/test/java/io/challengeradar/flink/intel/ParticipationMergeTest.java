package io.challengeradar.flink.intel;

import io.challengeradar.flink.ItPipelines;
import static io.challengeradar.flink.intel.Alerts.assessed;
import static io.challengeradar.flink.intel.Alerts.hours;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.intel.LocalRanking.Scored;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.ParticipationPrediction;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParticipationMergeTest {
  private static final ChallengeAssessment ROUND =
      assessed("crates", Stage.EMERGING, hours(5), Vectors384.axis(1));

  private KeyedOneInputStreamOperatorTestHarness<String, LocalRanking, ParticipationPrediction>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new ParticipationMerge(IntelligenceOptions.from(ItPipelines.config(
            "serving.url", "http://serving:8081",
            "intelligence.participation.max-candidates", "100",
            "intelligence.participation.top-n", "3"))),
        LocalRanking::roundId, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static LocalRanking answer(int parallelism, boolean failed, Scored... best) {
    return LocalRanking.answer(ROUND, parallelism, failed, failed ? null : "participation",
        failed ? null : "2", 1_000, best);
  }

  @Test
  void waitsForEverySubtaskThenRanksTheGlobalTopN() throws Exception {
    harness.processElement(answer(2, false, new Scored("a", 0.9, 8), new Scored("c", 0.5, 3)), 0);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processElement(answer(2, false, new Scored("b", 0.7, 4), new Scored("d", 0.1, 2)), 0);

    assertThat(harness.extractOutputValues())
        .extracting(ParticipationPrediction::userId, ParticipationPrediction::rank)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 1),
            org.assertj.core.groups.Tuple.tuple("b", 2),
            org.assertj.core.groups.Tuple.tuple("c", 3));
    ParticipationPrediction first = harness.extractOutputValues().get(0);
    assertThat(first.id()).isEqualTo("hashtag:crates:a");
    assertThat(first.round()).isEqualTo(ROUND.alert().id());
    assertThat(first.roundAt()).isEqualTo(hours(5));
    assertThat(first.modelVersion()).isEqualTo("2");
    assertThat(first.userVideos()).isEqualTo(8);
    assertThat(first.stage()).isEqualTo(Stage.EMERGING);
  }

  @Test
  void dropsARoundThatAnySubtaskCouldNotScore() throws Exception {
    harness.processElement(answer(2, false, new Scored("a", 0.9, 8)), 0);
    harness.processElement(answer(2, true), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void aSingleSubtaskPublishesAtOnce() throws Exception {
    harness.processElement(answer(1, false, new Scored("a", 0.9, 8)), 0);

    assertThat(harness.extractOutputValues()).extracting(ParticipationPrediction::rank)
        .containsExactly(1);
  }
}
