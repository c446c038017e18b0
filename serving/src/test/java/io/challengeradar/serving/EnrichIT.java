package io.challengeradar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.client.ServingClientException;
import io.challengeradar.serving.testing.Http;
import io.challengeradar.serving.testing.TestModels;
import io.challengeradar.serving.testing.TestStore;
import io.challengeradar.serving.wire.Wire;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /v1/enrich on the real MiniLM with a virality head and no claims head. */
class EnrichIT {

  private static final float WEIGHT = 0.5f;
  private static final float BIAS = -2f;
  private static final double RATIO_CUT = 1.25;

  @TempDir static Path storeDir;
  private static ServingNode node;
  private static Http http;
  private static ServingClient client;

  @BeforeAll
  static void start() throws Exception {
    new TestStore(storeDir)
        .minilm("1", 16, 2, 256)
        .viralityHead("1", List.of("log_followers", "caption_chars", "log_age_hours"), WEIGHT, BIAS,
            RATIO_CUT);
    node = ServingNode.start(ServingNode.Options.from(
        TestModels.settings(storeDir).with(ServingSettings.THREADS, 8, "test"), storeDir));
    http = new Http(node.port());
    client = new ServingClient(ClientOptions.of(URI.create("http://localhost:" + node.port())));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static Wire.EnrichPost post(String id, String caption, long followers) {
    return Wire.EnrichPost.atPost(id, caption, List.of("milkcrate", "fyp"), "m1", 12, followers,
        "2024-03-01T10:00:00Z");
  }

  @Test
  void answersEmbeddingAndViralityPerPostWithTheModelsAndNoClaimsWithoutAHead() {
    Wire.EnrichResponse answer =
        client.enrich(List.of(post("v1", "a dog dancing on the beach", 999), post("v2", "hi", 0)));

    assertThat(answer.embeddingModel()).isEqualTo("minilm/1");
    assertThat(answer.viralityModel()).isEqualTo("virality/1");
    assertThat(answer.viralityRatioCut()).isEqualTo(RATIO_CUT);
    assertThat(answer.claimsModel()).isNull();
    assertThat(answer.posts()).extracting(Wire.EnrichedPost::videoId).containsExactly("v1", "v2");
    float[] embedded = client.embedCaptions(List.of("a dog dancing on the beach")).get(0);
    assertThat(answer.posts().get(0).embedding()).containsExactly(embedded, within(1e-6f));
    // The head weighs log(1 + followers) only.
    assertThat(answer.posts().get(0).virality())
        .isCloseTo((float) (1 / (1 + Math.exp(-(BIAS + WEIGHT * Math.log(1000))))), within(1e-5f));
    assertThat(answer.posts().get(1).virality())
        .isCloseTo((float) (1 / (1 + Math.exp(-BIAS))), within(1e-5f));
    assertThat(answer.posts().get(0).claimProbability()).isNull();
  }

  @Test
  void embedsThePostsHashtagsWhenTheCaptionIsEmpty() {
    Wire.EnrichResponse answer = client.enrich(List.of(post("v3", "", 10)));

    float[] tags = client.embedCaptions(List.of("#milkcrate #fyp")).get(0);
    assertThat(answer.posts().get(0).embedding()).containsExactly(tags, within(1e-6f));
  }

  @Test
  void answersTheSameWithoutBlockingTheCaller() throws Exception {
    List<Wire.EnrichPost> posts = List.of(post("v4", "same answer", 50));

    Wire.EnrichResponse async = client.enrichAsync(posts).get();

    Wire.EnrichResponse sync = client.enrich(posts);
    assertThat(async.posts().get(0).embedding())
        .containsExactly(sync.posts().get(0).embedding(), within(1e-6f));
    assertThat(async.posts().get(0).virality()).isEqualTo(sync.posts().get(0).virality());
  }

  @Test
  void refusesBadPostsNamingTheFieldAndTheReason() {
    assertBad("{\"posts\":[]}", "posts", "at least one");
    assertBad("{\"posts\":[{\"caption\":\"a\",\"createdAt\":\"2024-03-01T10:00:00Z\"}]}",
        "posts[0].videoId", "must not be empty");
    assertBad("{\"posts\":[{\"videoId\":\"v\",\"caption\":\"a\",\"createdAt\":\"yesterday\"}]}",
        "posts[0].createdAt", "ISO-8601");
    assertBad("{\"posts\":[{\"videoId\":\"v\",\"caption\":\"a\",\"createdAt\":\"2024-03-01T10:00:00Z\","
        + "\"followerCount\":-1}]}", "posts[0].followerCount", "zero or more");
    assertBad("{\"posts\":[{\"videoId\":\"v\",\"createdAt\":\"2024-03-01T10:00:00Z\"}]}",
        "posts[0].caption", "required");
    assertThatThrownBy(() -> client.enrich(List.of(
        Wire.EnrichPost.atPost("v", "x", List.of(), null, null, null, null))))
        .isInstanceOf(ServingClientException.class)
        .satisfies(e -> assertThat(((ServingClientException) e).status()).isEqualTo(400));
  }

  private static void assertBad(String body, String field, String reason) {
    Http.Answer a = http.post("/v1/enrich", body);
    assertThat(a.status()).as(body).isEqualTo(400);
    JsonNode json = a.json();
    assertThat(json.get("field").asText()).isEqualTo(field);
    assertThat(json.get("reason").asText()).contains(reason);
  }
}
