package io.challengeradar.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.serving.wire.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReenricherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode pendingDocument() throws Exception {
    return (ObjectNode) JSON.readTree("{\"videoId\":\"v1\",\"caption\":\"milk crate time\","
        + "\"hashtags\":[\"milkcrate\"],\"musicId\":null,\"durationSec\":15,\"followerCount\":120,"
        + "\"createdAt\":\"2024-03-01T10:00:00Z\",\"version\":3,\"pendingEnrichment\":true,"
        + "\"embedding\":null}");
  }

  @Test
  void asksForTheStoredPostFields() throws Exception {
    Wire.EnrichPost p = Reenricher.request(pendingDocument());

    assertThat(p.videoId()).isEqualTo("v1");
    assertThat(p.caption()).isEqualTo("milk crate time");
    assertThat(p.hashtags()).containsExactly("milkcrate");
    assertThat(p.musicId()).isNull();
    assertThat(p.durationSec()).isEqualTo(15);
    assertThat(p.followerCount()).isEqualTo(120L);
    assertThat(p.createdAt()).isEqualTo("2024-03-01T10:00:00Z");
  }

  private static final Instant POSTED = Instant.parse("2024-03-01T10:00:00Z");

  /** One of the author's earlier video documents, as the job writes it. */
  private static ObjectNode earlier(String id, Duration before, Duration observedAfterPost,
      long views, long likes) throws Exception {
    ObjectNode v = (ObjectNode) JSON.readTree("{\"videoId\":\"" + id + "\",\"authorId\":\"a1\","
        + "\"createdAt\":\"" + POSTED.minus(before) + "\",\"comments\":5,\"shares\":5}");
    v.put("views", views).put("likes", likes);
    if (observedAfterPost == null) {
      v.putNull("observedAt");
    } else {
      v.put("observedAt", POSTED.plus(observedAfterPost).toString());
    }
    return v;
  }

  @Test
  void buildsTheAuthorsHistoryFromEarlierVideosObservedBeforeThePost() throws Exception {
    List<ObjectNode> earlier = List.of(
        earlier("seen", Duration.ofHours(10), Duration.ofHours(-2), 1_000, 50),
        // Its only snapshot in the index came after the post: cadence, not views.
        earlier("seen-later", Duration.ofHours(5), Duration.ofHours(1), 900_000, 1),
        earlier("never-seen", Duration.ofHours(20), null, 0, 0));

    Wire.AuthorHistory h = Reenricher.history(pendingDocument(), earlier, 20);

    assertThat(h.count()).isEqualTo(1);
    assertThat(h.meanLogViews()).isCloseTo(Math.log1p(1_000), within(1e-9));
    assertThat(h.sdLogViews()).isZero();
    assertThat(h.meanEngagementRate()).isCloseTo(60 / 1_000.0, within(1e-9));
    // 20 hours from the earliest earlier post, over 3 earlier posts.
    assertThat(h.meanGapHours()).isCloseTo(20 / 3.0, within(1e-9));
  }

  @Test
  void keepsOnlyTheNewestVideosAsTheJobsStateDoes() throws Exception {
    List<ObjectNode> earlier = List.of(
        earlier("seen-later", Duration.ofHours(5), Duration.ofHours(1), 900_000, 1),
        earlier("seen", Duration.ofHours(10), Duration.ofHours(-2), 1_000, 50));

    Wire.AuthorHistory h = Reenricher.history(pendingDocument(), earlier, 1);

    assertThat(h.count()).as("the one video kept was observed after the post").isZero();
    assertThat(h.meanGapHours()).isCloseTo(5, within(1e-9));
  }

  @Test
  void anAuthorWithoutEarlierVideosHasNoHistory() throws Exception {
    assertThat(Reenricher.history(pendingDocument(), List.of(), 20))
        .isEqualTo(Wire.AuthorHistory.NONE);
  }

  @Test
  void writesTheAnswerAsTheJobWouldAndKeepsEverythingElse() throws Exception {
    Wire.EnrichResponse answer = new Wire.EnrichResponse("minilm/1", "virality/2", 1.5, null,
        List.of(new Wire.EnrichedPost("v1", new float[] {0.6f, 0.8f}, 0.25f, null)), List.of());

    ObjectNode doc = Reenricher.withAnswer(pendingDocument(), answer, 0,
        Instant.parse("2024-03-02T00:00:00Z"));

    assertThat(doc.get("pendingEnrichment").asBoolean()).isFalse();
    assertThat(doc.get("embedding")).hasSize(2);
    assertThat(doc.get("embeddingModel").asText()).isEqualTo("minilm/1");
    assertThat(doc.get("viralityAtPost").asDouble()).isEqualTo(0.25);
    assertThat(doc.get("virality").asDouble()).isEqualTo(0.25);
    assertThat(doc.get("viralityModel").asText()).isEqualTo("virality/2");
    assertThat(doc.has("claimProbability")).isFalse();
    assertThat(doc.get("enrichedAt").asText()).isEqualTo("2024-03-02T00:00:00Z");
    assertThat(doc.get("version").asLong()).isEqualTo(3);
  }
}
