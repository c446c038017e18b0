package io.challengeradar.api;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.http.AccessLog;
import io.challengeradar.api.http.Json;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.contract.Index;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint over HTTP against a real Elasticsearch holding documents shaped like the
 * pipeline's (the templates from core are installed, and their strict mappings refuse any field
 * the pipeline would not write).
 */
@ExtendWith(SharedElasticsearch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiIT {

  private static final String KEY = "it-key-0123456789abcdef";
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  private static final List<String> INDICES = Index.names(Index.HASHTAGS, Index.HASHTAG_WINDOWS,
      Index.SOUND_WINDOWS, Index.ALERTS, Index.PARTICIPATION, Index.VIDEOS, Index.DEADLETTER,
      Index.EMBEDDINGS);

  private final HttpClient http = HttpClient.newHttpClient();
  private QueryApi api;
  private HttpResponse<String> beforeAnyData;

  @BeforeAll
  void start(ElasticsearchTestServer es) throws IOException, InterruptedException {
    es.client().indices().delete(d -> d.index(INDICES).ignoreUnavailable(true));
    api = QueryApi.start(ApiOptions.from(onAFreePort(es.url())),
        Access.keys(ApiKeys.fromList(KEY)), AccessLog.toStderr());
    beforeAnyData = get(api, "/v1/challenges/emerging", KEY);
    seed(es.client());
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  // ---- data shaped like the pipeline's --------------------------------------------------------

  private static Instant hours(double h) {
    return T0.plusSeconds((long) (h * 3600));
  }

  /** A unit vector of 384 seeded values; {@code near} tilts it towards another. */
  private static List<Float> vector(long seed, List<Float> near, double weight) {
    Random r = new Random(seed);
    List<Float> v = new ArrayList<>(384);
    double norm = 0;
    double[] raw = new double[384];
    for (int i = 0; i < 384; i++) {
      raw[i] = r.nextGaussian() + (near == null ? 0 : weight * near.get(i) * 20);
      norm += raw[i] * raw[i];
    }
    for (double x : raw) {
      v.add((float) (x / Math.sqrt(norm)));
    }
    return v;
  }

  private static final List<Float> MILKCRATE = vector(1, null, 0);
  private static final List<Float> CRATESTACK = vector(2, MILKCRATE, 1.0);
  private static final List<Float> SOUND = vector(3, null, 0);

  private static Map<String, Object> stage(String kind, String tag, String stage, Instant since,
      long participants, double growth, double risk, List<Float> representation) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", kind);
    d.put("tag", tag);
    d.put("stage", stage);
    d.put("since", since.toString());
    d.put("firstSeen", T0.toString());
    d.put("cumulativeParticipants", participants);
    d.put("alertId", kind + ":" + tag + ":" + stage + ":" + since.toEpochMilli());
    d.put("growth", growth);
    d.put("newParticipants", participants / 3);
    if (representation != null) {
      d.put("representation", representation);
      d.put("representationVideos", 12);
      d.put("risk", risk);
      d.put("nearestHarmful", "Milk Crate Challenge");
    }
    return d;
  }

  private static Map<String, Object> window(String tag, int i) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("kind", "hashtag");
    w.put("tag", tag);
    w.put("windowStart", hours(i).toString());
    w.put("windowEnd", hours(i + 1).toString());
    w.put("newPosts", 10L * (i + 1));
    w.put("participants", 8L * (i + 1));
    w.put("newParticipants", 6L * (i + 1));
    w.put("cumulativeParticipants", 6L * (i + 1) * (i + 2) / 2);
    w.put("viewsGained", 1000L * (i + 1));
    w.put("participantGrowth", 0.5);
    w.put("previousNewParticipants", 6L * i);
    w.put("previousViewsGained", 1000L * i);
    w.put("firstSeen", T0.toString());
    w.put("sampleVideos", List.of("v" + i));
    w.put("earliestParticipants", List.of("u1"));
    return w;
  }

  private static Map<String, Object> participation(
      String challenge, String user, double p, int rank, String round, Instant at) {
    String[] k = challenge.split(":", 2);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", k[0]);
    d.put("tag", k[1]);
    d.put("challenge", challenge);
    d.put("userId", user);
    d.put("probability", p);
    d.put("rank", rank);
    d.put("stage", "EMERGING");
    d.put("round", round);
    d.put("model", "participation");
    d.put("modelVersion", "3");
    d.put("scoredAt", at.toString());
    d.put("userVideos", 4);
    return d;
  }

  private static void seed(ElasticsearchClient client) throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
    Map<String, Map<String, Object>> stages = new LinkedHashMap<>();
    stages.put("hashtag:milkcrate",
        stage("hashtag", "milkcrate", "EMERGING", hours(3), 40, 0.8, 0.92, MILKCRATE));
    stages.put("hashtag:cratestack",
        stage("hashtag", "cratestack", "ACCELERATING", hours(2), 90, 1.6, 0.71, CRATESTACK));
    stages.put("sound:7001", stage("sound", "7001", "EMERGING", hours(1), 25, 0.3, 0.05, SOUND));
    stages.put("hashtag:newtag", stage("hashtag", "newtag", "EMERGING", hours(4), 10, 0.4, 0, null));
    stages.put("hashtag:yoyo", stage("hashtag", "yoyo", "FADING", hours(5), 300, 0.1, 0.02, SOUND));
    stages.forEach((id, doc) -> bulk.operations(o -> o.index(i -> i.index(Index.HASHTAGS.indexName()).id(id)
        .document(doc))));
    for (int i = 0; i < 3; i++) {
      Map<String, Object> w = window("milkcrate", i);
      String id = "hashtag:milkcrate:" + hours(i).toEpochMilli();
      bulk.operations(o -> o.index(x -> x.index(Index.HASHTAG_WINDOWS.indexName()).id(id).document(w)));
    }
    // cratestack's one window shares milkcrate's last: milkcrate's share there is 18 / (18 + 18).
    Map<String, Object> crateWindow = window("cratestack", 2);
    bulk.operations(o -> o.index(x -> x.index(Index.HASHTAG_WINDOWS.indexName())
        .id("hashtag:cratestack:" + hours(2).toEpochMilli()).document(crateWindow)));
    Map<String, Object> deadLetter = new LinkedHashMap<>();
    deadLetter.put("stage", "parse");
    deadLetter.put("reason", "invalid");
    deadLetter.put("detail", "views must not be negative");
    deadLetter.put("origin", Map.of("kind", "file", "name", "events.ndjson"));
    deadLetter.put("at", hours(1).toString());
    bulk.operations(o -> o.index(x -> x.index(Index.DEADLETTER.indexName()).id("d1")
        .document(deadLetter)));
    Map<String, Object> pending = new LinkedHashMap<>();
    pending.put("videoId", "v2");
    pending.put("authorId", "u8");
    pending.put("hashtags", List.of("milkcrate", "cratestack"));
    pending.put("musicId", "7001");
    pending.put("createdAt", hours(1.5).toString());
    pending.put("views", 500L);
    pending.put("version", 1L);
    pending.put("pendingEnrichment", true);
    bulk.operations(o -> o.index(x -> x.index(Index.VIDEOS.indexName()).id("v2").document(pending)));
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("id", "hashtag:milkcrate:EMERGING:" + hours(3).toEpochMilli());
    alert.put("kind", "hashtag");
    alert.put("tag", "milkcrate");
    alert.put("stage", "EMERGING");
    alert.put("detectedAt", hours(3).toString());
    alert.put("firstSeen", T0.toString());
    alert.put("windows", List.of(window("milkcrate", 1), window("milkcrate", 2)));
    alert.put("sampleVideos", List.of("v2"));
    alert.put("earliestParticipants", List.of("u1"));
    alert.put("risk", 0.92);
    alert.put("nearestHarmful", "Milk Crate Challenge");
    alert.put("representationVideos", 12);
    bulk.operations(o -> o.index(x -> x.index(Index.ALERTS.indexName()).id((String) alert.get("id"))
        .document(alert)));
    // Round r1 scored u1..u3; the later round r2 rescored u1 (same id, overwritten) and added u4,
    // leaving u2's and u3's r1 documents stale. Round c1 of cratestack also ranks u2.
    List<Map<String, Object>> participation = List.of(
        participation("hashtag:milkcrate", "u2", 0.5, 2, "r1", hours(1)),
        participation("hashtag:milkcrate", "u3", 0.4, 3, "r1", hours(1)),
        participation("hashtag:milkcrate", "u1", 0.7, 2, "r2", hours(3)),
        participation("hashtag:milkcrate", "u4", 0.8, 1, "r2", hours(3)),
        participation("hashtag:cratestack", "u1", 0.9, 1, "c1", hours(2)),
        participation("hashtag:cratestack", "u2", 0.3, 2, "c1", hours(2)));
    for (Map<String, Object> p : participation) {
      String id = p.get("challenge") + ":" + p.get("userId");
      bulk.operations(o -> o.index(x -> x.index(Index.PARTICIPATION.indexName()).id(id).document(p)));
    }
    Map<String, Object> video = new LinkedHashMap<>();
    video.put("videoId", "v1");
    video.put("authorId", "u9");
    video.put("hashtags", List.of("milkcrate"));
    video.put("musicId", "7001");
    video.put("createdAt", hours(0.5).toString());
    video.put("views", 12000L);
    video.put("likes", 900L);
    video.put("snapshots", 2);
    video.put("version", 3L);
    video.put("embeddingModel", "minilm/1");
    video.put("pendingEnrichment", false);
    video.put("enrichedAt", hours(0.6).toString());
    video.put("viralityAtPost", 0.31);
    video.put("virality", 0.62);
    video.put("viralityModel", "virality/2");
    video.put("claimProbability", 0.08);
    video.put("claimsModel", "claims/1");
    bulk.operations(o -> o.index(x -> x.index(Index.VIDEOS.indexName()).id("v1").document(video)));
    // The video's vector sits in its own index, written once (the job's layout).
    Map<String, Object> embedding = new LinkedHashMap<>();
    embedding.put("videoId", "v1");
    embedding.put("authorId", "u9");
    embedding.put("embedding", MILKCRATE);
    embedding.put("embeddingModel", "minilm/1");
    bulk.operations(o -> o.index(x -> x.index(Index.EMBEDDINGS.indexName()).id("v1")
        .document(embedding)));
    BulkResponse r = client.bulk(bulk.build());
    assertThat(r.errors()).as("seed documents must fit the strict templates: %s",
        r.items().stream().filter(i -> i.error() != null).map(i -> i.error().reason()).toList())
        .isFalse();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private HttpResponse<String> get(QueryApi target, String pathAndQuery, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + target.port() + pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = get(api, pathAndQuery, KEY);
    assertThat(r.statusCode()).as(pathAndQuery + " -> " + r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private static List<String> texts(JsonNode items, String field) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path(field).asText()));
    return out;
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void answersEmptyListsBeforeThePipelineWroteAnything() throws IOException {
    assertThat(beforeAnyData.statusCode()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(beforeAnyData.body());
    assertThat(body.path("total").asLong()).isZero();
    assertThat(body.path("items")).isEmpty();
  }

  @Test
  void listsRisingChallengesNewestStageFirstWithoutVectors() throws Exception {
    JsonNode body = ok("/v1/challenges/emerging");
    assertThat(body.path("total").asLong()).isEqualTo(4);
    assertThat(texts(body.path("items"), "challenge"))
        .containsExactly("hashtag:newtag", "hashtag:milkcrate", "hashtag:cratestack", "sound:7001");
    JsonNode milkcrate = body.path("items").get(1);
    assertThat(milkcrate.path("risk").asDouble()).isEqualTo(0.92);
    assertThat(milkcrate.path("nearestHarmful").asText()).isEqualTo("Milk Crate Challenge");
    assertThat(milkcrate.has("representation")).isFalse();
    assertThat(body.has("next")).isFalse();
  }

  @Test
  void filtersAndSortsEmergingChallenges() throws Exception {
    assertThat(texts(ok("/v1/challenges/emerging?sort=risk&kind=hashtag").path("items"), "challenge"))
        .containsExactly("hashtag:milkcrate", "hashtag:cratestack", "hashtag:newtag");
    assertThat(texts(ok("/v1/challenges/emerging?stage=FADING,accelerating&sort=participants")
        .path("items"), "challenge")).containsExactly("hashtag:yoyo", "hashtag:cratestack");
    assertThat(texts(ok("/v1/challenges/emerging?since=2024-05-01T02:30:00Z").path("items"),
        "challenge")).containsExactly("hashtag:newtag", "hashtag:milkcrate");
  }

  @Test
  void pagesWithoutOverlapAndWithTheRightTotal() throws Exception {
    JsonNode first = ok("/v1/challenges/emerging?size=3");
    assertThat(first.path("total").asLong()).isEqualTo(4);
    assertThat(first.path("next").asText()).isEqualTo("/v1/challenges/emerging?size=3&page=2");
    JsonNode second = ok(first.path("next").asText());
    assertThat(second.has("next")).isFalse();
    Set<String> seen = new HashSet<>(texts(first.path("items"), "challenge"));
    List<String> rest = texts(second.path("items"), "challenge");
    assertThat(rest).hasSize(1).doesNotContainAnyElementsOf(seen);
    seen.addAll(rest);
    assertThat(seen).hasSize(4);
  }

  @Test
  void answersOneChallengeNormalisingTheHashtag() throws Exception {
    JsonNode c = ok("/v1/challenges/hashtag/MilkCrate");
    assertThat(c.path("challenge").asText()).isEqualTo("hashtag:milkcrate");
    assertThat(c.path("stage").asText()).isEqualTo("EMERGING");
    HttpResponse<String> missing = get(api, "/v1/challenges/hashtag/nosuchtag", KEY);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("hashtag:nosuchtag");
  }

  @Test
  void putsWindowsAndAlertsInTimeOrder() throws Exception {
    JsonNode t = ok("/v1/challenges/hashtag/milkcrate/timeline");
    assertThat(t.path("total").asLong()).isEqualTo(4);
    assertThat(texts(t.path("items"), "type")).containsExactly("window", "window", "window", "alert");
    assertThat(texts(t.path("items"), "at")).containsExactly(
        hours(1).toString(), hours(2).toString(), hours(3).toString(), hours(3).toString());
    JsonNode bounded = ok("/v1/challenges/hashtag/milkcrate/timeline"
        + "?from=2024-05-01T02:00:00Z&to=2024-05-01T03:00:00Z");
    assertThat(texts(bounded.path("items"), "at")).containsExactly(hours(2).toString());
    assertThat(get(api, "/v1/challenges/hashtag/nosuchtag/timeline", KEY).statusCode())
        .isEqualTo(404);
  }

  @Test
  void listsOnlyTheLatestRoundsParticipantsByRank() throws Exception {
    JsonNode p = ok("/v1/challenges/hashtag/milkcrate/participants");
    assertThat(p.path("round").asText()).isEqualTo("r2");
    assertThat(p.path("modelVersion").asText()).isEqualTo("3");
    assertThat(p.path("total").asLong()).isEqualTo(2);
    assertThat(texts(p.path("items"), "userId")).containsExactly("u4", "u1");
    JsonNode unscored = ok("/v1/challenges/sound/7001/participants");
    assertThat(unscored.path("total").asLong()).isZero();
    assertThat(unscored.has("round")).isFalse();
  }

  @Test
  void listsAUsersLikelyChallengesLikeliestFirst() throws Exception {
    JsonNode u = ok("/v1/users/u1/challenges");
    assertThat(texts(u.path("items"), "challenge"))
        .containsExactly("hashtag:cratestack", "hashtag:milkcrate");
    assertThat(ok("/v1/users/u9/challenges").path("total").asLong())
        .as("an author with videos but no predictions").isZero();
    assertThat(get(api, "/v1/users/nobody/challenges", KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void leavesOutPredictionsALaterRoundOfTheChallengeDropped() throws Exception {
    JsonNode u2 = ok("/v1/users/u2/challenges");
    assertThat(u2.path("total").asLong()).isEqualTo(1);
    assertThat(texts(u2.path("items"), "challenge")).containsExactly("hashtag:cratestack");
    assertThat(texts(u2.path("items"), "round")).containsExactly("c1");
    JsonNode u3 = ok("/v1/users/u3/challenges");
    assertThat(u3.path("total").asLong())
        .as("a user whose only prediction was withdrawn is known, with none left").isZero();
    assertThat(u3.path("items")).isEmpty();
  }

  @Test
  void findsSimilarChallengesByRepresentationLeavingItselfOut() throws Exception {
    JsonNode s = ok("/v1/challenges/hashtag/milkcrate/similar?size=2");
    assertThat(s.path("total").asLong()).isEqualTo(3);
    assertThat(texts(s.path("items"), "challenge")).first().isEqualTo("hashtag:cratestack");
    assertThat(texts(s.path("items"), "challenge")).doesNotContain("hashtag:milkcrate");
    double nearest = s.path("items").get(0).path("similarity").asDouble();
    double second = s.path("items").get(1).path("similarity").asDouble();
    assertThat(nearest).isGreaterThan(0.5).isGreaterThan(second);
    HttpResponse<String> noVector = get(api, "/v1/challenges/hashtag/newtag/similar", KEY);
    assertThat(noVector.statusCode()).isEqualTo(404);
    assertThat(noVector.body()).contains("no representation yet");
  }

  @Test
  void answersAVideosScoresWithTheEmbeddingOnlyOnRequest() throws Exception {
    JsonNode v = ok("/v1/videos/v1");
    assertThat(v.path("virality").asDouble()).isEqualTo(0.62);
    assertThat(v.path("viralityAtPost").asDouble()).isEqualTo(0.31);
    assertThat(v.path("claimProbability").asDouble()).isEqualTo(0.08);
    assertThat(v.path("pendingEnrichment").asBoolean()).isFalse();
    assertThat(v.has("embedding")).isFalse();
    assertThat(ok("/v1/videos/v1?include=embedding").path("embedding")).hasSize(384);
    assertThat(get(api, "/v1/videos/nosuchvideo", KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void drawsTheCurveWithEachWindowsShareAndTheAlerts() throws Exception {
    JsonNode c = ok("/v1/challenges/hashtag/milkcrate/curve?points=2");
    assertThat(c.path("windows").asLong()).isEqualTo(3);
    JsonNode points = c.path("points");
    assertThat(texts(points, "at")).containsExactly(hours(2).toString(), hours(3).toString());
    assertThat(points.get(0).path("share").asDouble()).isEqualTo(1.0);
    assertThat(points.get(1).path("share").asDouble()).isEqualTo(0.5);
    assertThat(points.get(1).path("newParticipants").asLong()).isEqualTo(18);
    assertThat(texts(c.path("alerts"), "stage")).containsExactly("EMERGING");
    assertThat(c.path("alerts").get(0).path("nearestHarmful").asText())
        .isEqualTo("Milk Crate Challenge");
    assertThat(get(api, "/v1/challenges/hashtag/nosuchtag/curve", KEY).statusCode())
        .isEqualTo(404);
  }

  @Test
  void listsTheHashtagsAndSoundsOnAChallengesVideosAndItsTopVideos() throws Exception {
    JsonNode r = ok("/v1/challenges/hashtag/milkcrate/related");
    assertThat(r.path("videos").asLong()).isEqualTo(2);
    assertThat(texts(r.path("hashtags"), "challenge")).containsExactly("hashtag:cratestack");
    assertThat(texts(r.path("sounds"), "challenge")).containsExactly("sound:7001");
    assertThat(r.path("sounds").get(0).path("videos").asLong()).isEqualTo(2);
    JsonNode sound = ok("/v1/challenges/sound/7001/related");
    assertThat(texts(sound.path("hashtags"), "tag")).containsExactly("milkcrate", "cratestack");
    assertThat(sound.path("sounds")).isEmpty();

    JsonNode top = ok("/v1/challenges/hashtag/milkcrate/videos?size=1");
    assertThat(top.path("total").asLong()).isEqualTo(2);
    assertThat(texts(top.path("items"), "videoId")).containsExactly("v1");
    assertThat(top.path("items").get(0).has("embedding")).isFalse();
    assertThat(top.path("next").asText()).endsWith("page=2");
    assertThat(texts(ok("/v1/challenges/hashtag/milkcrate/videos?sort=recent").path("items"),
        "videoId")).containsExactly("v2", "v1");
  }

  @Test
  void searchesChallengesByTheStartOfTheirTag() throws Exception {
    assertThat(texts(ok("/v1/challenges/search?q=%23MILK").path("items"), "challenge"))
        .containsExactly("hashtag:milkcrate");
    assertThat(texts(ok("/v1/challenges/search?q=70").path("items"), "challenge"))
        .containsExactly("sound:7001");
    assertThat(texts(ok("/v1/challenges/search?q=crate&kind=sound").path("items"), "challenge"))
        .isEmpty();
  }

  @Test
  void countsWhatThePipelineHasDone() throws Exception {
    JsonNode h = ok("/v1/pipeline/health");
    // v1: its post and 2 snapshots; v2: its post.
    assertThat(h.path("eventsApplied").asLong()).isEqualTo(4);
    assertThat(h.path("videos").asLong()).isEqualTo(2);
    assertThat(h.path("pendingEnrichment").asLong()).isEqualTo(1);
    assertThat(h.path("enrichedVideos").asLong()).isEqualTo(1);
    assertThat(h.path("deadLetters").asLong()).isEqualTo(1);
    assertThat(h.path("deadLettersByReason").get(0).path("reason").asText()).isEqualTo("invalid");
    assertThat(h.path("windows").asLong()).isEqualTo(4);
    assertThat(h.path("alerts").asLong()).isEqualTo(1);
    assertThat(h.path("challenges").asLong()).isEqualTo(5);
    assertThat(h.path("latestWindowEnd").asText()).isEqualTo(hours(3).toString());
  }

  @Test
  void refusesMissingKeysAndBadParametersOverHttp() throws Exception {
    HttpResponse<String> noKey = get(api, "/v1/challenges/emerging", null);
    assertThat(noKey.statusCode()).isEqualTo(401);
    HttpResponse<String> bad = get(api, "/v1/challenges/emerging?size=500", KEY);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(bad.body()).path("field").asText()).isEqualTo("size");
    assertThat(get(api, "/v1/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void answers429WithRetryAfterOnceTheBurstIsSpent(ElasticsearchTestServer es) throws Exception {
    try (QueryApi strict = QueryApi.start(ApiOptions.from(onAFreePort(es.url())
            .with(ApiSettings.RATE, 0.01, "test").with(ApiSettings.BURST, 2, "test")),
        Access.keys(ApiKeys.fromList(KEY)), AccessLog.toStderr())) {
      assertThat(get(strict, "/v1/challenges/emerging", KEY).statusCode()).isEqualTo(200);
      assertThat(get(strict, "/v1/challenges/emerging", KEY).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = get(strict, "/v1/challenges/emerging", KEY);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void answers503WithRetryAfterWhenElasticsearchIsUnreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (QueryApi orphan = QueryApi.start(ApiOptions.from(onAFreePort("http://127.0.0.1:" + closed)),
        Access.keys(ApiKeys.fromList(KEY)), AccessLog.toStderr())) {
      HttpResponse<String> r = get(orphan, "/v1/challenges/hashtag/milkcrate", KEY);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("5");
    }
  }

  /** The API's defaults on a free port, reading {@code elasticsearch}. */
  private static Config onAFreePort(String elasticsearch) {
    return ApiSettings.defaults().with(ApiSettings.PORT, 0, "test")
        .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(elasticsearch), "test");
  }
}
