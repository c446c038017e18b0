package io.challengeradar.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.AuthorObservation;
import io.challengeradar.flink.model.AuthoredPost;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.serving.api.EnrichPostInputs;
import io.challengeradar.serving.model.PostFeatures;
import io.challengeradar.serving.wire.AuthorTrack;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.WireJson;
import io.challengeradar.training.data.AuthorHistoryReplay;
import io.challengeradar.training.data.VnFeedData;
import io.challengeradar.training.task.ViralityTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Served and offline author-history features agree: the same videos give the virality head the
 * same numbers whether they come through the job (its keyed state, the {@code /v1/enrich} request
 * as JSON, the serving tier's reading of it) or through training's builder over the data set.
 */
class AuthorFeaturesAgreeTest {
  private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

  /** Two authors' videos, posted and scraped at seeded, uneven times; some scraped late. */
  private static List<VnFeedData.Video> videos() {
    Random r = new Random(18);
    List<VnFeedData.Video> out = new ArrayList<>();
    for (String user : List.of("ann", "bob")) {
      long t = START.getEpochSecond();
      for (int i = 0; i < 12; i++) {
        t += 3_600L * (1 + r.nextInt(72));
        long scraped = t + 3_600L * (1 + r.nextInt(i % 3 == 0 ? 2_000 : 48));
        long views = (long) Math.pow(10, 2 + 4 * r.nextDouble());
        out.add(new VnFeedData.Video("feed", user, user + "-" + i, "caption " + i, List.of("a"),
            5_000, views, t, scraped, 20 + i, i % 2 == 0, views / (5 + r.nextInt(20))));
      }
    }
    return out;
  }

  @Test
  void theJobsStatePathAndTrainingsBuilderGiveTheHeadTheSameAuthorFeatures() throws Exception {
    List<VnFeedData.Video> videos = videos();

    Wire.AuthorHistory[] offline = AuthorHistoryReplay.replay(AuthorHistoryReplay.of(videos, 0),
        AuthorTrack.DEFAULT_MAX_VIDEOS);
    Map<String, float[]> served = servedFeatures(videos);

    int withHistory = 0;
    int leftOut = 0;
    int from = ViralityTask.FEATURES.size();
    for (int i = 0; i < videos.size(); i++) {
      VnFeedData.Video v = videos.get(i);
      float[] trained = ViralityTask.features(v, offline[i]);
      assertThat(served.get(v.id())).as(v.id())
          .containsExactly(Arrays.copyOfRange(trained, from, trained.length));
      long earlier = videos.stream()
          .filter(o -> o.user().equals(v.user()) && o.postedAt() < v.postedAt()).count();
      withHistory += offline[i].count() > 0 ? 1 : 0;
      leftOut += offline[i].count() < earlier ? 1 : 0;
    }
    // The fixture exercises both sides of the rule: earlier videos counted, and earlier videos
    // left out because they were only observed after the post.
    assertThat(withHistory).isGreaterThanOrEqualTo(4);
    assertThat(leftOut).isGreaterThanOrEqualTo(4);
  }

  /**
   * The job's path: posts and scrape-time observations in event-time order through {@link
   * AuthorHistories} (the job's operator), each post's request through JSON, read as the serving tier reads it.
   */
  private static Map<String, float[]> servedFeatures(List<VnFeedData.Video> videos)
      throws Exception {
    record Step(long at, int order, VnFeedData.Video v) {}
    List<Step> steps = new ArrayList<>();
    for (VnFeedData.Video v : videos) {
      steps.add(new Step(v.postedAt() * 1000, 0, v));
      steps.add(new Step(v.scrapedAt() * 1000, 1, v));
    }
    steps.sort(Comparator.comparingLong(Step::at).thenComparingInt(Step::order));
    Map<String, float[]> out = new HashMap<>();
    try (KeyedTwoInputStreamOperatorTestHarness<String, SourcedEvent, AuthorObservation, AuthoredPost>
        h = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
            new AuthorHistories(AuthorTrack.DEFAULT_MAX_VIDEOS, Duration.ofDays(365)),
            e -> ((Post) e.event()).authorId(), AuthorObservation::authorId, Types.STRING)) {
      long line = 0;
      for (Step s : steps) {
        VnFeedData.Video v = s.v();
        if (s.order() == 0) {
          Post p = Post.of(v.id(), v.user(), Instant.ofEpochSecond(v.postedAt()), v.caption(),
              v.hashtags(), null, v.durationSec()).withFollowerCount(v.followers());
          h.processElement1(new StreamRecord<>(
              new SourcedEvent(p, "raw", Origin.file("t.ndjson", ++line)), s.at()));
        } else {
          h.processElement2(new StreamRecord<>(new AuthorObservation(v.user(), v.id(),
              v.postedAt() * 1000, s.at(), v.views(), v.interactions()), s.at()));
        }
      }
      for (AuthoredPost a : h.extractOutputValues()) {
        Wire.EnrichPost sent = EnrichmentWire.request((Post) a.post().event(), a.authorHistory());
        Wire.EnrichPost received = WireJson.STRICT.readValue(
            WireJson.STRICT.writeValueAsBytes(sent), Wire.EnrichPost.class);
        out.put(received.videoId(), PostFeatures.vector(PostFeatures.AUTHOR_HISTORY,
            EnrichPostInputs.of("posts[0]", received)));
      }
    }
    return out;
  }
}
