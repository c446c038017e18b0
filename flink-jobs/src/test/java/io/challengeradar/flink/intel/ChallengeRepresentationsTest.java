package io.challengeradar.flink.intel;

import io.challengeradar.flink.ItPipelines;
import static io.challengeradar.flink.intel.Alerts.alert;
import static io.challengeradar.flink.intel.Alerts.hours;
import static io.challengeradar.flink.intel.Vectors384.axis;
import static io.challengeradar.flink.intel.Vectors384.mix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChallengeRepresentationsTest {
  /** Description i embeds to axis(i): Blue Whale 0, Milk Crate 1, Bird Box 2. */
  private static final List<HarmfulChallenge> HARMFUL = List.of(
      new HarmfulChallenge("Blue Whale", "self-harm tasks"),
      new HarmfulChallenge("Milk Crate", "climbing stacked milk crates"),
      new HarmfulChallenge("Bird Box", "everyday tasks blindfolded"));
  private static final Duration RETRY = Duration.ofMinutes(1);

  private final FakeServing serving = new FakeServing();
  private KeyedTwoInputStreamOperatorTestHarness<String, TagVector, ChallengeAlert,
      ChallengeAssessment> harness;

  private void open(IntelligenceOptions options) throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
        new ChallengeRepresentations(options, serving), TagVector::challenge,
        ChallengeIntelligence::challenge, Types.STRING);
  }

  private static IntelligenceOptions options() {
    return IntelligenceOptions.from(ItPipelines.config("serving.url", "http://serving:8081")
        .with(IntelligenceOptions.HARMFUL, HARMFUL, "test"));
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** The alert, then both inputs' watermarks at its detection time, which release it. */
  private void assess(ChallengeAlert alert) throws Exception {
    long at = alert.detectedAt().toEpochMilli();
    harness.processElement2(alert, at);
    harness.processBothWatermarks(new Watermark(at));
  }

  @Test
  void anAlertWaitsUntilBothInputsWatermarksPassItSoLateEnrichmentsStillCount()
      throws Exception {
    open(options());
    ChallengeAlert alert = alert("crates", Stage.EMERGING, hours(3));
    long at = alert.detectedAt().toEpochMilli();
    harness.processElement1(new TagVector("hashtag:crates", "v1", axis(1)), at - 10);
    harness.processWatermark2(new Watermark(at));
    harness.processElement2(alert, at);
    harness.processElement1(new TagVector("hashtag:crates", "v2", axis(1)), at - 5);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processWatermark1(new Watermark(at));

    assertThat(harness.extractOutputValues()).singleElement()
        .extracting(ChallengeAssessment::representationVideos).isEqualTo(2L);
  }

  @Test
  void aWaitingAlertIsKeptInStateWithAnEventTimeTimerUntilBothWatermarksPassIt()
      throws Exception {
    open(options());
    ChallengeAlert alert = alert("crates", Stage.EMERGING, hours(3));
    long at = alert.detectedAt().toEpochMilli();
    harness.processElement1(new TagVector("hashtag:crates", "v1", axis(1)), at - 10);
    assertThat(harness.numKeyedStateEntries()).as("the representation").isEqualTo(1);

    harness.processElement2(alert, at);
    assertThat(harness.numKeyedStateEntries()).as("and the waiting alert").isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark1(new Watermark(at));
    harness.processWatermark2(new Watermark(at - 1));
    assertThat(harness.extractOutputValues()).as("one input's watermark is not enough").isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark2(new Watermark(at));
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).as("only the representation").isEqualTo(1);
  }

  @Test
  void anAlertBehindBothWatermarksIsAssessedAtOnceWithoutATimer() throws Exception {
    open(options());
    harness.processElement1(new TagVector("hashtag:crates", "v1", axis(1)), 0);
    harness.processBothWatermarks(new Watermark(hours(4).toEpochMilli()));

    harness.processElement2(alert("crates", Stage.EMERGING, hours(3)), hours(3).toEpochMilli());

    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
  }

  @Test
  void assessesAnAlertWithTheMeanOfItsTagsVideos() throws Exception {
    open(options());
    harness.processElement1(new TagVector("hashtag:crates", "v1", axis(1)), 0);
    harness.processElement1(new TagVector("hashtag:crates", "v2", mix(1, 1f, 3, 1f)), 0);
    harness.processElement1(new TagVector("hashtag:other", "v3", axis(0)), 0);

    assess(alert("crates", Stage.EMERGING, hours(3)));

    ChallengeAssessment a = harness.extractOutputValues().get(0);
    assertThat(a.representationVideos()).isEqualTo(2);
    assertThat(a.representation()[1]).isEqualTo(1f);
    assertThat(a.representation()[3]).isEqualTo(0.5f);
    assertThat(a.representation()[0]).isZero();
  }

  @Test
  void riskIsTheSimilarityToTheNearestHarmfulDescription() throws Exception {
    open(options());
    harness.processElement1(new TagVector("hashtag:crates", "v1", mix(1, 3f, 2, 1f)), 0);

    assess(alert("crates", Stage.EMERGING, hours(3)));

    ChallengeAssessment a = harness.extractOutputValues().get(0);
    assertThat(a.nearestHarmful()).isEqualTo("Milk Crate");
    assertThat(a.risk()).isCloseTo(3 / Math.sqrt(10), within(1e-6));
    assertThat(serving.embedCalls).as("descriptions are embedded once, when the operator opens")
        .isEqualTo(1);
  }

  @Test
  void alertOfATagWithoutEmbeddedVideosGoesOnWithoutRepresentation() throws Exception {
    open(options());

    assess(alert("quiet", Stage.EMERGING, hours(3)));

    ChallengeAssessment a = harness.extractOutputValues().get(0);
    assertThat(a.representation()).isNull();
    assertThat(a.representationVideos()).isZero();
    assertThat(a.risk()).isNull();
    assertThat(a.alert().id()).isEqualTo(alert("quiet", Stage.EMERGING, hours(3)).id());
  }

  @Test
  void withoutServingAlertsGoOnWithoutRiskAndRetryAtMostOncePerInterval() throws Exception {
    serving.down = true;
    open(options());
    harness.processElement1(new TagVector("hashtag:crates", "v1", axis(1)), 0);
    harness.setProcessingTime(1_000);

    assess(alert("crates", Stage.EMERGING, hours(3)));
    assess(alert("crates", Stage.ACCELERATING, hours(4)));
    serving.down = false;
    harness.setProcessingTime(1_000 + RETRY.toMillis());
    assess(alert("crates", Stage.PEAKED, hours(5)));

    List<ChallengeAssessment> out = harness.extractOutputValues();
    assertThat(out).extracting(ChallengeAssessment::risk).containsExactly(null, null, 1.0);
    assertThat(out.get(0).representationVideos()).isEqualTo(1);
    // open, the first alert, then the first alert a whole interval later
    assertThat(serving.embedCalls).isEqualTo(3);
  }

  @Test
  void representationExpiresAfterItsTtlWithoutNewVideos() throws Exception {
    IntelligenceOptions o = options();
    open(o);
    harness.setStateTtlProcessingTime(0);
    harness.processElement1(new TagVector("hashtag:crates", "v1", axis(1)), 0);

    harness.setStateTtlProcessingTime(o.representationTtl().toMillis() + 1);
    assess(alert("crates", Stage.EMERGING, hours(3)));

    assertThat(harness.extractOutputValues().get(0).representation()).isNull();
  }
}
