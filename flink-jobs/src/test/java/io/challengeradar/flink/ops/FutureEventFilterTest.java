package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.line;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.core.event.Event;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The time guard with the processing time set by hand. */
class FutureEventFilterTest {
  private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");
  private static final Duration SKEW = Duration.ofHours(1);

  private OneInputStreamOperatorTestHarness<SourcedEvent, SourcedEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new FutureEventFilter(SKEW));
    harness.setProcessingTime(NOW.toEpochMilli());
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static SourcedEvent sourced(Event e, long line) {
    return new SourcedEvent(e, line(e), Origin.file("events.ndjson", line));
  }

  private List<DeadLetter> deadLetters() {
    return harness.getSideOutput(DeadLetters.TAG) == null ? List.of()
        : harness.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void passesPastEventsAndEventsWithinTheSkew() throws Exception {
    harness.processElement(new StreamRecord<>(
        sourced(post("old", "a1", Instant.parse("2021-03-01T00:00:00Z"), null, "dance"), 1)));
    harness.processElement(new StreamRecord<>(
        sourced(snapshot("v1", NOW.plus(SKEW), 10), 2)));

    assertThat(harness.extractOutputValues()).extracting(e -> e.origin().position())
        .containsExactly(1L, 2L);
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void deadLettersAnEventTimeFarAheadOfTheProcessingTimeAsFuture() throws Exception {
    Instant ahead = NOW.plus(Duration.ofHours(20));
    SourcedEvent e = sourced(post("v20", "a20", ahead, null, "dance"), 7);

    harness.processElement(new StreamRecord<>(e));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.stage()).isEqualTo(DeadLetter.STAGE_WATERMARK);
      assertThat(d.reason()).isEqualTo(DeadLetter.REASON_FUTURE);
      assertThat(d.field()).isEqualTo("createdAt");
      assertThat(d.eventTime()).isEqualTo(ahead);
      assertThat(d.origin()).isEqualTo(Origin.file("events.ndjson", 7));
      assertThat(d.raw()).isEqualTo(e.raw());
      assertThat(d.detail()).contains(ahead.toString(), "PT1H", NOW.toString(),
          "watermark.max-future-skew");
    });
  }

  @Test
  void deadLettersAnEventWhoseKafkaTimestampIsFarAhead() throws Exception {
    long recordTimestamp = NOW.plus(Duration.ofHours(20)).toEpochMilli();
    SourcedEvent e = sourced(snapshot("v1", NOW.minusSeconds(60), 10), 3);

    harness.processElement(new StreamRecord<>(e, recordTimestamp));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(DeadLetter.REASON_FUTURE);
      assertThat(d.field()).as("not a field of the event").isNull();
      assertThat(d.detail()).startsWith("record timestamp " + Instant.ofEpochMilli(recordTimestamp));
    });
  }

  @Test
  void theSameEventPassesOnceTheClockHasCaughtUp() throws Exception {
    SourcedEvent e = sourced(post("v2", "a2", NOW.plus(Duration.ofHours(2)), null, "dance"), 1);
    harness.processElement(new StreamRecord<>(e));
    harness.setProcessingTime(NOW.plus(Duration.ofHours(1)).toEpochMilli());
    harness.processElement(new StreamRecord<>(e));

    assertThat(deadLetters()).hasSize(1);
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void noTimestampIsTooFarBehindToOverflow() {
    assertThat(FutureEventFilter.isFuture(Long.MIN_VALUE, NOW.toEpochMilli(), 0)).isFalse();
    assertThat(FutureEventFilter.isFuture(Long.MAX_VALUE, NOW.toEpochMilli(), 3_600_000))
        .isTrue();
    assertThat(FutureEventFilter.isFuture(NOW.toEpochMilli() + 1, NOW.toEpochMilli(), 0))
        .isTrue();
  }
}
