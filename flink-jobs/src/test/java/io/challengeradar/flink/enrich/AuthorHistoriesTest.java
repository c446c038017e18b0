package io.challengeradar.flink.enrich;

import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.AuthorObservation;
import io.challengeradar.flink.model.AuthoredPost;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.serving.wire.Wire;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The author's history on the enrichment branch: {@link VideoAuthors} (by video) tags engagement
 * with its author, {@link AuthorHistories} (by author) keeps the bounded track and sends each
 * post with what was posted and observed before it, and nothing later.
 */
class AuthorHistoriesTest {
  private static final Duration TTL = Duration.ofDays(30);

  private KeyedTwoInputStreamOperatorTestHarness<String, SourcedEvent, AuthorObservation, AuthoredPost> authors;
  private KeyedOneInputStreamOperatorTestHarness<String, SourcedEvent, SourcedEvent> videos;
  private long line;

  private void openAuthors(int maxVideos) throws Exception {
    authors = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
        new AuthorHistories(maxVideos, TTL), e -> ((Post) e.event()).authorId(),
        AuthorObservation::authorId, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    if (authors != null) {
      authors.close();
    }
    if (videos != null) {
      videos.close();
    }
  }

  private SourcedEvent sourced(Event e) {
    line++;
    return new SourcedEvent(e, "raw " + line, Origin.file("t.ndjson", line));
  }

  private void postAt(String videoId, long minute) throws Exception {
    Post p = post(videoId, "ann", minutes(minute), null, "dance");
    authors.processElement1(new StreamRecord<>(sourced(p), p.createdAt().toEpochMilli()));
  }

  private void observe(String videoId, long postedMinute, long observedMinute, long views,
      long interactions) throws Exception {
    authors.processElement2(new StreamRecord<>(new AuthorObservation("ann", videoId,
        minutes(postedMinute).toEpochMilli(), minutes(observedMinute).toEpochMilli(), views,
        interactions), minutes(observedMinute).toEpochMilli()));
  }

  private Wire.AuthorHistory historyOf(String videoId) {
    return authors.extractOutputValues().stream()
        .filter(a -> a.post().event().videoId().equals(videoId))
        .map(AuthoredPost::authorHistory).findFirst().orElseThrow();
  }

  @Test
  void aPostSeesOnlyVideosPostedAndObservedBeforeIt() throws Exception {
    openAuthors(20);
    postAt("v1", 0);
    observe("v1", 0, 60, 999, 100);
    postAt("v2", 120);
    // v3 arrives late: posted at minute 30, before v1 was observed and before v2 was posted.
    postAt("v3", 30);

    assertThat(historyOf("v1")).isEqualTo(Wire.AuthorHistory.NONE);
    Wire.AuthorHistory v2 = historyOf("v2");
    assertThat(v2.count()).isEqualTo(1);
    assertThat(v2.meanLogViews()).isCloseTo(Math.log(1000), within(1e-9));
    assertThat(v2.meanEngagementRate()).isCloseTo(100 / 999.0, within(1e-9));
    assertThat(v2.meanGapHours()).isCloseTo(2.0, within(1e-9));
    Wire.AuthorHistory v3 = historyOf("v3");
    assertThat(v3.count()).as("v1's only observation came after v3 was posted").isZero();
    assertThat(v3.meanGapHours()).as("but v1 was posted before it").isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aVideosOwnLaterViewsNeverReachItsOwnPost() throws Exception {
    openAuthors(20);
    // The video's own observation overtakes its post (different inputs): it must not count.
    observe("v1", 0, 600, 5_000_000, 10);
    postAt("v1", 0);

    assertThat(historyOf("v1").count()).isZero();
  }

  @Test
  void keepsAtMostMaxVideosPerAuthor() throws Exception {
    openAuthors(3);
    for (int i = 0; i < 5; i++) {
      postAt("v" + i, i * 60L);
      observe("v" + i, i * 60L, i * 60L + 30, (long) Math.pow(10, i + 1) - 1, 0);
    }
    postAt("v5", 600);

    Wire.AuthorHistory h = historyOf("v5");
    assertThat(h.count()).as("only the 3 newest of 5 earlier videos are kept").isEqualTo(3);
    // ln(10^3), ln(10^4), ln(10^5): the oldest two were dropped.
    assertThat(h.meanLogViews()).isCloseTo(4 * Math.log(10), within(1e-9));
    assertThat(authors.numKeyedStateEntries()).as("one track for the author").isEqualTo(1);
  }

  @Test
  void videoAuthorsLetsTheFirstPostThroughAndTagsEngagementWithItsAuthor() throws Exception {
    videos = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new VideoAuthors(TTL), e -> e.event().videoId(), Types.STRING);
    // A snapshot before its post waits for it.
    videos.processElement(new StreamRecord<>(sourced(snapshot("v1", minutes(5), 100)), 0));
    assertThat(videos.getSideOutput(VideoAuthors.OBSERVATIONS)).isNull();

    Post p = post("v1", "ann", minutes(0), null, "dance");
    videos.processElement(new StreamRecord<>(sourced(p), 0));
    videos.processElement(new StreamRecord<>(sourced(p), 0));
    videos.processElement(new StreamRecord<>(sourced(snapshot("v1", minutes(10), 300)), 0));

    assertThat(videos.extractOutputValues()).as("the duplicate post is dropped").hasSize(1);
    List<AuthorObservation> tagged = videos.getSideOutput(VideoAuthors.OBSERVATIONS).stream()
        .map(StreamRecord::getValue).toList();
    long posted = minutes(0).toEpochMilli();
    // snapshot(): likes views/10, comments views/100, shares views/50.
    assertThat(tagged).containsExactly(
        new AuthorObservation("ann", "v1", posted, minutes(5).toEpochMilli(), 100, 10 + 1 + 2),
        new AuthorObservation("ann", "v1", posted, minutes(10).toEpochMilli(), 300, 30 + 3 + 6));
  }
}
