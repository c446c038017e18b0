package io.challengeradar.flink.intel;

import io.challengeradar.flink.ItPipelines;
import static io.challengeradar.flink.intel.Alerts.assessed;
import static io.challengeradar.flink.intel.Alerts.hours;
import static io.challengeradar.flink.intel.Vectors384.axis;
import static io.challengeradar.flink.intel.Vectors384.mix;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.intel.LocalRanking.Scored;
import io.challengeradar.flink.model.ChallengeAssessment;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParticipationScoringTest {
  private static final String CRATES = "hashtag:crates";
  /** The challenge is about axis 1; users near it are likelier to join. */
  private static final float[] CHALLENGE = axis(1);

  private final FakeServing serving = new FakeServing();
  private KeyedBroadcastOperatorTestHarness<String, UserVideo, ChallengeAssessment, LocalRanking>
      harness;
  private int videos;

  private void open(IntelligenceOptions options) throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new ParticipationScoring(options, serving), UserVideo::authorId, Types.STRING);
  }

  private static IntelligenceOptions options(int maxCandidates, int topN) {
    return IntelligenceOptions.from(ItPipelines.config("serving.url", "http://serving:8081",
        "intelligence.participation.active-within", "2d",
        "intelligence.participation.max-candidates", String.valueOf(maxCandidates),
        "intelligence.participation.top-n", String.valueOf(topN)));
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void post(String user, Instant at, float[] embedding, String... challenges)
      throws Exception {
    harness.processElement(new UserVideo(user, user + "-v" + (videos++), at.toEpochMilli(),
        challenges, embedding), at.toEpochMilli());
  }

  private void score(ChallengeAssessment a) throws Exception {
    harness.processBroadcastElement(a, a.alert().detectedAt().toEpochMilli());
  }

  @Test
  void ranksCandidatesByProbabilityAndKeepsTheTopN() throws Exception {
    open(options(100, 2));
    post("near", hours(1), axis(1), "hashtag:a");
    post("near", hours(2), axis(1), "hashtag:b");
    post("middle", hours(1), mix(1, 1f, 2, 1f), "hashtag:a");
    post("middle", hours(2), mix(1, 1f, 2, 1f), "hashtag:b");
    post("far", hours(1), axis(2), "hashtag:a");
    post("far", hours(2), axis(2), "hashtag:b");

    score(assessed("crates", Stage.EMERGING, hours(5), CHALLENGE));

    LocalRanking r = harness.extractOutputValues().get(0);
    assertThat(r.predictions()).extracting(Scored::userId).containsExactly("near", "middle");
    assertThat(r.predictions()[0].probability()).isEqualTo(1.0);
    assertThat(r.predictions()[0].userVideos()).isEqualTo(2);
    assertThat(r.failed()).isFalse();
    assertThat(r.model()).isEqualTo("participation");
    assertThat(r.round().id())
        .isEqualTo(assessed("crates", Stage.EMERGING, hours(5), null).alert().id());
    assertThat(serving.lastScoredUsers).isEqualTo(3);
  }

  @Test
  void usersWhoAlreadyJoinedInactiveUsersAndUsersWithFewVideosAreNotCandidates()
      throws Exception {
    open(options(100, 20));
    post("joined", hours(1), axis(1), "hashtag:a");
    post("joined", hours(2), axis(1), CRATES);
    post("joined", hours(3), axis(1), "hashtag:b");
    post("inactive", hours(-60), axis(1), "hashtag:a");
    post("inactive", hours(-59), axis(1), "hashtag:b");
    post("one-video", hours(2), axis(1), "hashtag:a");
    post("candidate", hours(1), axis(1), "hashtag:a");
    post("candidate", hours(2), axis(1), "hashtag:b");

    score(assessed("crates", Stage.EMERGING, hours(5), CHALLENGE));

    assertThat(harness.extractOutputValues().get(0).predictions()).extracting(Scored::userId)
        .containsExactly("candidate");
  }

  @Test
  void scoresAtMostMaxCandidatesTheMostRecentlyActiveFirst() throws Exception {
    open(options(2, 20));
    for (int u = 0; u < 5; u++) {
      post("user" + u, hours(u), axis(1), "hashtag:a");
      post("user" + u, hours(u), axis(1), "hashtag:b");
    }

    score(assessed("crates", Stage.EMERGING, hours(6), CHALLENGE));

    assertThat(serving.lastScoredUsers).isEqualTo(2);
    assertThat(harness.extractOutputValues().get(0).predictions()).extracting(Scored::userId)
        .containsExactlyInAnyOrder("user3", "user4");
  }

  @Test
  void answersARoundItCannotScoreAsFailedSoTheMergeIsNotLeftWaiting() throws Exception {
    open(options(100, 20));
    post("candidate", hours(1), axis(1), "hashtag:a");
    post("candidate", hours(2), axis(1), "hashtag:b");
    serving.down = true;

    score(assessed("crates", Stage.EMERGING, hours(5), CHALLENGE));

    LocalRanking r = harness.extractOutputValues().get(0);
    assertThat(r.failed()).isTrue();
    assertThat(r.predictions()).isEmpty();
    assertThat(r.answers()).isEqualTo(1);
  }

  @Test
  void answersEvenWithoutCandidatesButSkipsStagesThatDoNotScore() throws Exception {
    open(options(100, 20));

    score(assessed("crates", Stage.PEAKED, hours(5), CHALLENGE));
    score(assessed("crates", Stage.EMERGING, hours(6), null));
    score(assessed("crates", Stage.ACCELERATING, hours(7), CHALLENGE));

    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(r -> {
          assertThat(r.round().stage()).isEqualTo(Stage.ACCELERATING);
          assertThat(r.predictions()).isEmpty();
          assertThat(r.failed()).isFalse();
        });
    assertThat(serving.scoreCalls).isZero();
  }

  @Test
  void userHistoryExpiresAfterItsTtl() throws Exception {
    IntelligenceOptions o = options(100, 20);
    open(o);
    harness.setStateTtlProcessingTime(0);
    post("candidate", hours(1), axis(1), "hashtag:a");
    post("candidate", hours(2), axis(1), "hashtag:b");

    harness.setStateTtlProcessingTime(o.userTtl().toMillis() + 1);
    score(assessed("crates", Stage.EMERGING, hours(5), CHALLENGE));

    assertThat(harness.extractOutputValues().get(0).predictions()).isEmpty();
  }
}
