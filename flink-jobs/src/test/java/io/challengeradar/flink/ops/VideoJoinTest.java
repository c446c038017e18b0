package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.core.event.Event;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoUpdate;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VideoJoinTest {
  static final Duration ORPHAN_TIMEOUT = PipelineOptions.ORPHAN_TIMEOUT.defaultValue();
  static final Duration STATE_TTL = PipelineOptions.STATE_TTL.defaultValue();

  KeyedTwoInputStreamOperatorTestHarness<String, SourcedEvent, Enrichment, VideoUpdate> harness;
  long line;

  @BeforeEach
  void open() throws Exception {
    harness = harness(PipelineOptions.defaults());
  }

  static KeyedTwoInputStreamOperatorTestHarness<String, SourcedEvent, Enrichment, VideoUpdate> harness(
      PipelineOptions options) throws Exception {
    // The factory opens the harness.
    return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
        new VideoJoin(options), e -> e.event().videoId(), Enrichment::videoId, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  void send(Event e) throws Exception {
    SourcedEvent s = new SourcedEvent(e, "raw " + (++line), Origin.file("t.ndjson", line));
    harness.processElement1(new StreamRecord<>(s, e.eventTime().toEpochMilli()));
  }

  List<VideoDocument> documents() {
    return harness.extractOutputValues().stream().map(VideoUpdate::document).toList();
  }

  List<DeadLetter> deadLetters() {
    return harness.getSideOutput(DeadLetters.TAG) == null
        ? List.of()
        : harness.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void computesFeaturesFromEachSnapshotAgainstThePreviousOne() throws Exception {
    send(post("v1", "a1", minutes(0), "m1", "dance"));
    send(snapshot("v1", minutes(30), 1_000));
    send(snapshot("v1", minutes(90), 4_000));

    List<VideoDocument> docs = documents();
    assertThat(docs).hasSize(3);
    VideoDocument first = docs.get(1);
    assertThat(first.engagement().viewsDelta()).isEqualTo(1_000);
    assertThat(first.features().viewsPerHour()).isCloseTo(2_000.0, within(1e-9));
    assertThat(first.features().viewsAcceleration()).isNull();
    VideoDocument second = docs.get(2);
    assertThat(second.engagement().viewsDelta()).isEqualTo(3_000);
    assertThat(second.engagement().likesDelta()).isEqualTo(300);
    assertThat(second.features().viewsPerHour()).isCloseTo(3_000.0, within(1e-9));
    assertThat(second.features().viewsAcceleration()).isCloseTo(1_000.0, within(1e-9));
    assertThat(second.features().engagementRate())
        .isCloseTo((400 + 40 + 80) / 4_000.0, within(1e-9));
    assertThat(second.features().viewsPerFollower()).isCloseTo(4.0, within(1e-9));
    assertThat(second.features().ageHours()).isCloseTo(1.5, within(1e-9));
    assertThat(second.version()).isEqualTo(3);
    assertThat(harness.extractOutputValues()).extracting(VideoUpdate::change)
        .containsExactly(VideoUpdate.NEW_POST, VideoUpdate.ENGAGEMENT, VideoUpdate.ENGAGEMENT);
  }

  @Test
  void buffersSnapshotsThatArriveBeforeTheirPostAndAppliesThemInOrder() throws Exception {
    send(snapshot("v1", minutes(20), 500));
    send(snapshot("v1", minutes(10), 100));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    send(post("v1", "a1", minutes(0), null, "dance"));

    assertThat(documents()).extracting(d -> d.engagement().views())
        .containsExactly(null, 100L, 500L);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void deadLettersBufferedSnapshotsWhosePostNeverComes() throws Exception {
    send(snapshot("ghost", minutes(10), 100));
    send(snapshot("ghost", minutes(20), 200));

    harness.processBothWatermarks(new Watermark(minutes(10).plus(ORPHAN_TIMEOUT).toEpochMilli() - 1));
    assertThat(deadLetters()).isEmpty();
    harness.processBothWatermarks(new Watermark(minutes(10).plus(ORPHAN_TIMEOUT).toEpochMilli()));

    assertThat(deadLetters()).extracting(DeadLetter::reason)
        .containsExactly(DeadLetter.REASON_ORPHAN_SNAPSHOT, DeadLetter.REASON_ORPHAN_SNAPSHOT);
    assertThat(deadLetters()).extracting(DeadLetter::raw).containsExactly("raw 1", "raw 2");
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void deadLettersWaitingSnapshotsWhenTheWatermarkStallsLongerThanTheStateTtl()
      throws Exception {
    send(snapshot("ghost", minutes(10), 100));
    send(snapshot("ghost", minutes(20), 200));
    // The TTL runs on processing time: a watermark stuck for longer than state.ttl used to let it
    // drop the buffer, and the orphan timer then fired over an empty list.
    harness.setStateTtlProcessingTime(STATE_TTL.plusDays(1).toMillis());

    harness.processBothWatermarks(new Watermark(minutes(10).plus(ORPHAN_TIMEOUT).toEpochMilli()));

    assertThat(deadLetters()).hasSize(2).allSatisfy(d -> {
      assertThat(d.reason()).isEqualTo(DeadLetter.REASON_ORPHAN_SNAPSHOT);
      assertThat(d.stage()).isEqualTo(DeadLetter.STAGE_JOIN);
    });
    assertThat(deadLetters()).extracting(d -> d.origin().position()).containsExactly(1L, 2L);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void appliesWaitingSnapshotsToAPostThatComesAfterTheStateTtl() throws Exception {
    send(snapshot("v1", minutes(10), 100));
    harness.setStateTtlProcessingTime(STATE_TTL.plusDays(1).toMillis());

    send(post("v1", "a1", minutes(0), null, "dance"));

    assertThat(documents()).extracting(d -> d.engagement().views()).containsExactly(null, 100L);
    assertThat(deadLetters()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void refusesTheSecondPostOfAVideo() throws Exception {
    send(post("v1", "a1", minutes(0), null, "dance"));
    send(post("v1", "a1", minutes(0), null, "dance"));

    assertThat(documents()).hasSize(1);
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(DeadLetter.REASON_DUPLICATE);
      assertThat(d.stage()).isEqualTo(DeadLetter.STAGE_JOIN);
      assertThat(d.origin().position()).isEqualTo(2);
    });
  }

  @Test
  void refusesASnapshotObservedAtTheSameInstantTwice() throws Exception {
    send(post("v1", "a1", minutes(0), null, "dance"));
    send(snapshot("v1", minutes(10), 100));
    send(snapshot("v1", minutes(10), 100));

    assertThat(documents()).hasSize(2);
    assertThat(deadLetters()).extracting(DeadLetter::reason)
        .containsExactly(DeadLetter.REASON_DUPLICATE);
  }

  @Test
  void refusesASnapshotObservedBeforeTheVideoWasPosted() throws Exception {
    send(post("v1", "a1", minutes(30), null, "dance"));
    send(snapshot("v1", minutes(10), 100));

    assertThat(deadLetters()).extracting(DeadLetter::reason)
        .containsExactly(DeadLetter.REASON_SNAPSHOT_BEFORE_POST);
  }

  @Test
  void countsAnOlderSnapshotWithoutChangingTheFeatures() throws Exception {
    send(post("v1", "a1", minutes(0), null, "dance"));
    send(snapshot("v1", minutes(30), 1_000));
    send(snapshot("v1", minutes(20), 600));

    VideoDocument last = documents().get(2);
    assertThat(last.engagement().views()).isEqualTo(1_000);
    assertThat(last.snapshots()).isEqualTo(2);
    assertThat(last.version()).isEqualTo(3);
    assertThat(harness.extractOutputValues().get(2).change()).isEqualTo(VideoUpdate.SUPERSEDED);
    assertThat(harness.extractOutputValues().get(2).viewsGained()).isZero();
  }

  @Test
  void boundsTheSnapshotsWaitingForAPost() throws Exception {
    harness.close();
    harness = harness(io.challengeradar.flink.ItPipelines.options("join.max-early-snapshots", "2"));
    send(snapshot("v1", minutes(1), 1));
    send(snapshot("v1", minutes(2), 2));
    send(snapshot("v1", minutes(3), 3));

    assertThat(deadLetters()).extracting(DeadLetter::reason)
        .containsExactly(DeadLetter.REASON_EARLY_BUFFER_FULL);
    send(post("v1", "a1", minutes(0), null, "dance"));
    assertThat(documents()).extracting(d -> d.engagement().views())
        .containsExactly(null, 1L, 2L);
  }
}
