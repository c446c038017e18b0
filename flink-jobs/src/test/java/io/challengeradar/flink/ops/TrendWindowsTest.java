package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.TagActivity;
import io.challengeradar.flink.model.WindowStats;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrendWindowsTest {
  static final Duration LATENESS = Duration.ofMinutes(10);
  /** When the first hour's window is due: its end, minus 1 ms, plus the allowed lateness. */
  static final long FIRST_WINDOW_DUE = minutes(60).plus(LATENESS).toEpochMilli() - 1;

  KeyedOneInputStreamOperatorTestHarness<String, TagActivity, WindowStats> harness;

  @BeforeEach
  void open() throws Exception {
    harness = harness(PipelineOptions.from(io.challengeradar.flink.ItPipelines.config()
        .with(PipelineOptions.ALLOWED_LATENESS, LATENESS, "test")));
  }

  static KeyedOneInputStreamOperatorTestHarness<String, TagActivity, WindowStats> harness(
      PipelineOptions options) throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new TrendWindows(options), TagActivity::key, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  void newPost(String tag, String video, String author, Instant at) throws Exception {
    harness.processElement(new StreamRecord<>(
        new TagActivity(TagKind.HASHTAG, tag, video, author, at.toEpochMilli(), true, 0),
        at.toEpochMilli()));
  }

  void views(String tag, String video, Instant at, long gained) throws Exception {
    harness.processElement(new StreamRecord<>(
        new TagActivity(TagKind.HASHTAG, tag, video, "someone", at.toEpochMilli(), false, gained),
        at.toEpochMilli()));
  }

  @Test
  void emitsAWindowOnlyOnceItsEndPlusTheAllowedLatenessHasPassed() throws Exception {
    newPost("dance", "v1", "a1", minutes(5));
    newPost("dance", "v2", "a2", minutes(50));
    views("dance", "v1", minutes(55), 700);

    harness.processWatermark(FIRST_WINDOW_DUE - 1);
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.processWatermark(FIRST_WINDOW_DUE);

    assertThat(harness.extractOutputValues()).singleElement().satisfies(w -> {
      assertThat(w.id()).isEqualTo("hashtag:dance:" + minutes(0).toEpochMilli());
      assertThat(w.windowEnd()).isEqualTo(minutes(60));
      assertThat(w.counts().newPosts()).isEqualTo(2);
      assertThat(w.counts().participants()).isEqualTo(2);
      assertThat(w.counts().newParticipants()).isEqualTo(2);
      assertThat(w.counts().viewsGained()).isEqualTo(700);
      assertThat(w.firstSeen()).isEqualTo(minutes(0));
      assertThat(w.sampleVideos()).containsExactly("v1", "v2");
      assertThat(w.earliestParticipants()).containsExactly("a1", "a2");
    });
    // The next window is already scheduled, so an idle tag still shows its decline.
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void countsAnAuthorAsNewOnlyInTheFirstWindowTheyUseTheTag() throws Exception {
    newPost("dance", "v1", "a1", minutes(5));
    newPost("dance", "v2", "a2", minutes(6));
    newPost("dance", "v3", "a1", minutes(65));
    newPost("dance", "v4", "a3", minutes(70));
    newPost("dance", "v5", "a4", minutes(80));
    newPost("dance", "v6", "a5", minutes(90));

    harness.processWatermark(FIRST_WINDOW_DUE + Duration.ofHours(1).toMillis());

    assertThat(harness.extractOutputValues()).hasSize(2);
    WindowStats second = harness.extractOutputValues().get(1);
    assertThat(second.counts().participants()).isEqualTo(4);
    assertThat(second.counts().newParticipants()).isEqualTo(3);
    assertThat(second.counts().cumulativeParticipants()).isEqualTo(5);
    assertThat(second.counts().previousNewParticipants()).isEqualTo(2);
    assertThat(second.counts().participantGrowth()).isEqualTo(1.5);
    assertThat(second.earliestParticipants()).containsExactly("a1", "a2", "a3", "a4", "a5");
  }

  @Test
  void followsTheLastActivityWithTheConfiguredNumberOfEmptyWindowsThenStops() throws Exception {
    newPost("dance", "v1", "a1", minutes(5));

    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues()).extracting(w -> w.counts().newPosts())
        .containsExactly(1L, 0L, 0L, 0L);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void deadLettersAnActivityWhoseWindowWasAlreadyEmitted() throws Exception {
    newPost("dance", "v1", "a1", minutes(5));
    harness.processWatermark(FIRST_WINDOW_DUE);
    assertThat(harness.extractOutputValues()).hasSize(1);

    // An idle source resuming behind the watermark: its post belongs to the emitted window.
    newPost("dance", "v2", "a2", minutes(30));
    views("dance", "v1", minutes(40), 250);

    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue())
        .satisfiesExactly(
            d -> {
              assertThat(d.stage()).isEqualTo(DeadLetter.STAGE_TREND);
              assertThat(d.reason()).isEqualTo(DeadLetter.REASON_WINDOW_CLOSED);
              assertThat(d.eventTime()).isEqualTo(minutes(30));
              assertThat(d.detail()).contains("new post v2", "hashtag:dance:"
                  + minutes(0).toEpochMilli());
              assertThat(d.origin().name()).isEqualTo("radar-hashtag-windows/hashtag:dance:"
                  + minutes(0).toEpochMilli() + "/v2/post");
            },
            d -> assertThat(d.detail()).contains("250 views gained by v1"));
    // Distinct ids: each late contribution is its own dead letter, none overwrites another.
    assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().id())
        .doesNotHaveDuplicates();
  }

  @Test
  void keepsTheSameSampleWhateverTheArrivalOrder() throws Exception {
    harness.close();
    harness = harness(PipelineOptions.from(io.challengeradar.flink.ItPipelines.config(
        "window.size", "1h", "trend.idle-windows", "0", "trend.sample-size", "2")
        .with(PipelineOptions.ALLOWED_LATENESS, LATENESS, "test")));
    newPost("dance", "v3", "a3", minutes(30));
    newPost("dance", "v1", "a1", minutes(10));
    newPost("dance", "v2", "a2", minutes(20));

    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues()).singleElement().satisfies(w -> {
      assertThat(w.sampleVideos()).containsExactly("v1", "v2");
      assertThat(w.earliestParticipants()).containsExactly("a1", "a2");
    });
  }

  @Test
  void keepsHashtagsAndSoundsWithTheSameNameApart() throws Exception {
    newPost("m1", "v1", "a1", minutes(5));
    harness.processElement(new StreamRecord<>(new TagActivity(TagKind.SOUND, "m1", "v2", "a2",
        minutes(6).toEpochMilli(), true, 0), minutes(6).toEpochMilli()));

    harness.processWatermark(FIRST_WINDOW_DUE);

    assertThat(harness.extractOutputValues()).extracting(WindowStats::id).containsExactlyInAnyOrder(
        "hashtag:m1:" + minutes(0).toEpochMilli(), "sound:m1:" + minutes(0).toEpochMilli());
    assertThat(harness.extractOutputValues()).extracting(WindowStats::index)
        .containsExactlyInAnyOrder("radar-hashtag-windows", "radar-sound-windows");
  }

  @Test
  void sampleKeysSortByTimeThenVideo() {
    assertThat(TrendWindows.sampleKey(1_709_251_200_000L, "v7")).isEqualTo("1709251200000|v7");
    assertThat(TrendWindows.sampleKey(42, "v1")).isEqualTo("0000000000042|v1");
    assertThat(TrendWindows.sampleKey(42, "v1")).isLessThan(TrendWindows.sampleKey(1_000, "v0"));
  }
}
