package io.challengeradar.flink.enrich;

import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.ItPipelines;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.model.AuthoredPost;
import io.challengeradar.serving.wire.Wire;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first attempt, in Flink's async I/O operator as the job runs it: the batch timer and the
 * serving tier are stand-ins the test drives, and Flink's deadline is its processing time, set by
 * hand. Answers reach the operator through the task's mailbox, which {@link #deliver} runs.
 */
class EnrichPostsTest {
  /** Flink's deadline for one post. */
  private static final long DEADLINE_MILLIS = 6_000;

  private final FakeEnrich serving = new FakeEnrich();
  private final ManualTimers timers = new ManualTimers();
  private OneInputStreamOperatorTestHarness<AuthoredPost, EnrichAttempt> harness;
  private long line;

  private void open(int batchSize, Duration delay) throws Exception {
    harness = harness(batchSize, delay);
    harness.open();
  }

  private OneInputStreamOperatorTestHarness<AuthoredPost, EnrichAttempt> harness(int batchSize,
      Duration delay) throws Exception {
    EnrichmentOptions options = ItPipelines.options(
        CommonOptions.SERVING_URL.key(), "http://serving:8081",
        EnrichmentOptions.BATCH_SIZE.key(), String.valueOf(batchSize),
        EnrichmentOptions.BATCH_DELAY.key(), delay.toMillis() + "ms").enrichment();
    return new OneInputStreamOperatorTestHarness<>(
        new AsyncWaitOperatorFactory<>(new EnrichPosts(options, serving, timers), DEADLINE_MILLIS,
            options.capacity(), AsyncDataStream.OutputMode.UNORDERED),
        TypeInformation.of(AuthoredPost.class).createSerializer(new SerializerConfigImpl()));
  }

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void send(String videoId) throws Exception {
    send(videoId, Wire.AuthorHistory.NONE);
  }

  private void send(String videoId, Wire.AuthorHistory history) throws Exception {
    Post p = post(videoId, "a-" + videoId, minutes(line), null, "dance");
    line++;
    harness.processElement(new StreamRecord<>(new AuthoredPost(
        new SourcedEvent(p, "raw " + line, Origin.file("t.ndjson", line)), history),
        p.createdAt().toEpochMilli()));
  }

  @Test
  void eachPostIsSentWithItsAuthorsHistory() throws Exception {
    open(2, Duration.ofMillis(100));
    Wire.AuthorHistory known = new Wire.AuthorHistory(3, 9.5, 0.5, 0.07, 30);

    send("v1", known);
    send("v2");

    assertThat(serving.onlyCall().posts()).extracting(Wire.EnrichPost::authorHistory)
        .containsExactly(known, Wire.AuthorHistory.NONE);
  }

  /** Runs what other threads handed to the task thread: the completed posts. */
  private void deliver() throws Exception {
    Optional<Mail> mail;
    while ((mail = harness.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
      mail.get().run();
    }
  }

  /** Flink's deadlines for the posts in flight: processing-time timers of the async operator. */
  private int deadlines() {
    return harness.getProcessingTimeService().getNumActiveTimers();
  }

  private List<ScheduledFuture<?>> flushesDue() {
    return List.copyOf(timers.executor.getActiveNonPeriodicScheduledTask());
  }

  private List<Enrichment> results() {
    return harness.extractOutputValues().stream().map(EnrichAttempt::result).toList();
  }

  @Test
  void aFullBatchIsSentAtOnceAsOneCallAndItsTimerCancelled() throws Exception {
    open(3, Duration.ofMillis(100));

    send("v1");
    send("v2");
    assertThat(serving.calls).isEmpty();
    assertThat(flushesDue()).singleElement()
        .satisfies(f -> assertThat(f.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(100));

    send("v3");
    assertThat(serving.onlyCall().videoIds()).containsExactly("v1", "v2", "v3");
    assertThat(flushesDue()).isEmpty();
    assertThat(harness.extractOutputValues()).isEmpty();

    serving.onlyCall().answer();
    deliver();

    assertThat(results()).extracting(Enrichment::videoId)
        .containsExactlyInAnyOrder("v1", "v2", "v3");
    assertThat(results()).allSatisfy(e -> {
      assertThat(e.pending()).isFalse();
      assertThat(e.answer().embedding()).containsExactly(FakeEnrich.EMBEDDING);
      assertThat(e.answer().embeddingModel()).isEqualTo(FakeEnrich.ENCODER);
    });
    assertThat(deadlines()).as("Flink's deadlines, all cleared").isZero();
  }

  @Test
  void aBatchThatDoesNotFillIsSentWhenItsDelayIsUp() throws Exception {
    open(16, Duration.ofMillis(20));

    send("v1");
    send("v2");
    assertThat(serving.calls).isEmpty();
    assertThat(flushesDue()).hasSize(1);

    timers.executor.triggerNonPeriodicScheduledTask();
    assertThat(serving.onlyCall().videoIds()).containsExactly("v1", "v2");
    assertThat(flushesDue()).isEmpty();

    send("v3");
    assertThat(flushesDue()).as("the next batch waits its own delay").hasSize(1);
    assertThat(serving.calls).hasSize(1);

    serving.onlyCall().answer();
    deliver();
    assertThat(results()).extracting(Enrichment::videoId).containsExactlyInAnyOrder("v1", "v2");
    assertThat(results()).noneMatch(Enrichment::pending);
  }

  @Test
  void aPostNotAnsweredByFlinksDeadlineGoesOnPendingAndALateAnswerIsDropped() throws Exception {
    open(1, Duration.ofMillis(20));
    harness.setProcessingTime(0);

    send("v1");
    assertThat(serving.onlyCall().videoIds()).containsExactly("v1");
    assertThat(deadlines()).as("Flink's deadline for v1").isEqualTo(1);

    harness.setProcessingTime(DEADLINE_MILLIS - 1);
    deliver();
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.setProcessingTime(DEADLINE_MILLIS);
    deliver();
    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.result().videoId()).isEqualTo("v1");
      assertThat(a.result().pending()).isTrue();
      assertThat(a.post().raw()).as("the post, for the retries").isEqualTo("raw 1");
    });
    assertThat(deadlines()).isZero();

    serving.onlyCall().answer();
    deliver();
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void aFailedCallLeavesEveryPostOfItPending() throws Exception {
    open(2, Duration.ofMillis(20));

    send("v1");
    send("v2");
    serving.onlyCall().fail();
    deliver();

    assertThat(results()).extracting(Enrichment::videoId).containsExactlyInAnyOrder("v1", "v2");
    assertThat(results()).allSatisfy(e -> {
      assertThat(e.pending()).isTrue();
      assertThat(e.answer()).isNull();
    });
  }

  @Test
  void aRefusedCallOrAnAnswerForOtherPostsLeavesThePostsPendingNeverFailsTheJob()
      throws Exception {
    open(1, Duration.ofMillis(20));

    serving.refuse = true;
    send("v1");
    deliver();
    serving.refuse = false;
    send("v2");
    serving.lastCall().future().complete(FakeEnrich.answerFor(List.of("v-other")));
    deliver();

    assertThat(results()).extracting(Enrichment::videoId, Enrichment::pending)
        .containsExactlyInAnyOrder(tuple("v1", true), tuple("v2", true));
  }

  @Test
  void aPostInFlightAtACheckpointIsSentAgainAfterARestore() throws Exception {
    open(1, Duration.ofMillis(20));
    send("v1");
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    OneInputStreamOperatorTestHarness<AuthoredPost, EnrichAttempt> before = harness;

    harness = harness(1, Duration.ofMillis(20));
    harness.initializeState(checkpoint);
    harness.open();

    assertThat(serving.calls).extracting(FakeEnrich.Call::videoIds)
        .containsExactly(List.of("v1"), List.of("v1"));
    serving.lastCall().answer();
    deliver();
    assertThat(results()).singleElement().satisfies(e -> {
      assertThat(e.videoId()).isEqualTo("v1");
      assertThat(e.pending()).isFalse();
    });
    serving.calls.get(0).answer();
    before.close();
  }

  @Test
  void theOperatorsTheJobBuildsCanBeShippedToATaskManager() {
    EnrichmentOptions options = ItPipelines.options(
        CommonOptions.SERVING_URL.key(), "http://serving:8081").enrichment();

    assertThatCode(() -> InstantiationUtil.clone(new EnrichPosts(options)))
        .doesNotThrowAnyException();
    assertThatCode(() -> InstantiationUtil.clone(
        new PendingEnrichments(options, Duration.ofDays(1)))).doesNotThrowAnyException();
  }

  @Test
  void closingTheOperatorClosesItsServingCalls() throws Exception {
    open(1, Duration.ofMillis(20));

    harness.close();
    harness = null;

    assertThat(serving.closed).isTrue();
  }
}
