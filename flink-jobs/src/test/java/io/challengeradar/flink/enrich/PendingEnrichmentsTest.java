package io.challengeradar.flink.enrich;

import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.ItPipelines;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.ops.DeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retries of pending posts, keyed by video, with processing time set by hand: what is kept
 * in state, which timers wait, and what comes out.
 */
class PendingEnrichmentsTest {
  private static final Instant ANSWERED_AT = Instant.parse("2024-03-01T00:00:05Z");
  /** First retry after 0.5-1 s, then 1-2 s, capped at 2-4 s. */
  private static final long INITIAL_BACKOFF_MILLIS = 1_000;

  private final FakeEnrich serving = new FakeEnrich();
  private KeyedOneInputStreamOperatorTestHarness<String, EnrichAttempt, Enrichment> harness;

  private void open(int maxAttempts, int maxInFlight) throws Exception {
    EnrichmentOptions options = ItPipelines.options(
        CommonOptions.SERVING_URL.key(), "http://serving:8081",
        EnrichmentOptions.RETRY_INITIAL_BACKOFF.key(), INITIAL_BACKOFF_MILLIS + "ms",
        EnrichmentOptions.RETRY_MAX_BACKOFF.key(), "4s",
        EnrichmentOptions.RETRY_MAX_ATTEMPTS.key(), String.valueOf(maxAttempts),
        EnrichmentOptions.RETRY_MAX_IN_FLIGHT.key(), String.valueOf(maxInFlight)).enrichment();
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new PendingEnrichments(options, Duration.ofDays(1), serving),
        a -> a.result().videoId(), Types.STRING);
    harness.setProcessingTime(0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static Post postOf(String videoId) {
    return post(videoId, "a-" + videoId, minutes(0), null, "dance");
  }

  private static SourcedEvent sourced(Post p) {
    return new SourcedEvent(p, "raw " + p.videoId(), Origin.file("t.ndjson", 1));
  }

  private void pending(String videoId) throws Exception {
    Post p = postOf(videoId);
    harness.processElement(new EnrichAttempt(sourced(p), EnrichmentWire.pending(p)), 0);
  }

  private void answered(String videoId) throws Exception {
    Post p = postOf(videoId);
    harness.processElement(new EnrichAttempt(sourced(p),
        EnrichmentWire.answer(p, FakeEnrich.answerFor(List.of(videoId)), 0, ANSWERED_AT)), 0);
  }

  /** Moves processing time to the next timer, which fires; returns its time. */
  private long fireNextTimer() throws Exception {
    long next = Collections.min(harness.getProcessingTimeService().getActiveTimerTimestamps());
    harness.setProcessingTime(next);
    return next;
  }

  private List<Enrichment> out() {
    return harness.extractOutputValues();
  }

  private List<DeadLetter> deadLetters() {
    var side = harness.getSideOutput(DeadLetters.TAG);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void anAnswerOfTheFirstAttemptPassesOnAndNothingIsKept() throws Exception {
    open(3, 32);

    answered("v1");

    assertThat(out()).singleElement().satisfies(e -> assertThat(e.pending()).isFalse());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(serving.calls).isEmpty();
  }

  @Test
  void aPendingPostGoesOnPendingIsKeptAndRetriedAfterTheBackoffUntilAnswered() throws Exception {
    open(3, 32);

    pending("v1");
    assertThat(out()).singleElement().satisfies(e -> assertThat(e.pending()).isTrue());
    assertThat(harness.numKeyedStateEntries()).as("the post and its attempts").isEqualTo(2);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    assertThat(harness.getProcessingTimeService().getActiveTimerTimestamps()).singleElement()
        .satisfies(t -> assertThat(t).isBetween(INITIAL_BACKOFF_MILLIS / 2, INITIAL_BACKOFF_MILLIS));

    pending("v1"); // the first attempt's result again, e.g. replayed after a restore
    assertThat(out()).as("already waiting: not emitted twice").hasSize(1);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

    long retry = fireNextTimer();
    assertThat(serving.onlyCall().videoIds()).containsExactly("v1");
    assertThat(harness.getProcessingTimeService().getActiveTimerTimestamps())
        .as("the call is looked at again shortly").containsExactly(
            retry + PendingEnrichments.POLL_MILLIS);

    fireNextTimer(); // not answered yet: looked at again, not sent again
    assertThat(serving.calls).hasSize(1);
    assertThat(out()).hasSize(1);

    serving.onlyCall().answer();
    fireNextTimer();

    assertThat(out()).hasSize(2);
    assertThat(out().get(1)).satisfies(e -> {
      assertThat(e.videoId()).isEqualTo("v1");
      assertThat(e.pending()).isFalse();
      assertThat(e.answer().embedding()).containsExactly(FakeEnrich.EMBEDDING);
    });
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aPostStillPendingAfterMaxAttemptsIsGivenUpAndForgotten() throws Exception {
    open(2, 32);
    pending("v1");

    long first = fireNextTimer();
    serving.lastCall().fail();
    fireNextTimer(); // the failed answer: wait longer
    long waited = Collections.min(harness.getProcessingTimeService().getActiveTimerTimestamps())
        - (first + PendingEnrichments.POLL_MILLIS);
    assertThat(waited).as("the second wait doubles")
        .isBetween(INITIAL_BACKOFF_MILLIS, 2 * INITIAL_BACKOFF_MILLIS);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

    fireNextTimer();
    assertThat(serving.calls).hasSize(2);
    serving.lastCall().fail();
    fireNextTimer();

    assertThat(out()).as("only the first attempt's pending result").hasSize(1);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.stage()).isEqualTo(DeadLetter.STAGE_ENRICHMENT);
      assertThat(d.reason()).isEqualTo(DeadLetter.REASON_SERVING_OVERLOADED);
      assertThat(d.attempts()).as("the first call and two retries").isEqualTo(3);
      assertThat(d.raw()).isEqualTo("raw v1");
      assertThat(d.origin()).isEqualTo(Origin.file("t.ndjson", 1));
      assertThat(d.eventTime()).isEqualTo(minutes(0));
      assertThat(d.detail()).contains("3 attempts", "overloaded");
    });
  }

  @Test
  void aRetryTheClientRefusesToSendCountsAsAFailedAttempt() throws Exception {
    open(1, 32);
    pending("v1");
    serving.refuse = true;

    fireNextTimer(); // the retry: refused before it is sent
    fireNextTimer(); // its failure is looked at: the last attempt, given up

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(DeadLetter.REASON_SERVING_REFUSED);
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.detail()).contains("posts: refused");
    });
  }

  @Test
  void anAnswerWithoutThePostIsABadAnswer() throws Exception {
    open(1, 32);
    pending("v1");

    fireNextTimer();
    serving.onlyCall().future().complete(FakeEnrich.answerFor(List.of()));
    fireNextTimer();

    assertThat(out()).hasSize(1);
    assertThat(deadLetters()).singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo(DeadLetter.REASON_SERVING_BAD_ANSWER));
  }

  @Test
  void anAnswerAfterRetriesLeavesNoDeadLetter() throws Exception {
    open(3, 32);
    pending("v1");
    fireNextTimer();
    serving.lastCall().fail();
    fireNextTimer();
    fireNextTimer();
    serving.lastCall().answer();
    fireNextTimer();

    assertThat(out()).hasSize(2);
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void retriesBeyondMaxInFlightWaitTheirTurnWithoutACall() throws Exception {
    open(3, 1);
    pending("v1");
    pending("v2");
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);

    harness.setProcessingTime(INITIAL_BACKOFF_MILLIS); // both first retries are due

    assertThat(serving.onlyCall().videoIds()).hasSize(1);
    String first = serving.onlyCall().videoIds().get(0);
    assertThat(harness.numProcessingTimeTimers()).as("one polls its call, one waits").isEqualTo(2);

    serving.onlyCall().answer();
    harness.setProcessingTime(3 * INITIAL_BACKOFF_MILLIS);

    assertThat(serving.calls).extracting(c -> c.videoIds().get(0))
        .containsExactly(first, first.equals("v1") ? "v2" : "v1");
  }

  @Test
  void closingTheOperatorClosesItsServingCalls() throws Exception {
    open(3, 32);

    harness.close();

    assertThat(serving.closed).isTrue();
  }
}
