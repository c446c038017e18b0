package io.challengeradar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.serving.testing.Http;
import io.challengeradar.serving.testing.TestModels;
import io.challengeradar.serving.testing.TestStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server with the real MiniLM model: the fixed contract, bad input, heads, reloads. */
class ServingIT {

  /** sentence-transformers' published first components for "This is an example sentence". */
  private static final double[] EXAMPLE_PREFIX = {0.0676569, 0.0634960, 0.0487131, 0.0793050};

  @TempDir static Path storeDir;
  private static TestStore store;
  private static ServingNode node;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    store =
        new TestStore(storeDir)
            .minilm("1", 16, 2, 256)
            .visualDescriptor()
            .participationHead("1", 2f, -1f)
            .participationHead("reloading", "1", 2f, -1f);
    node = ServingNode.start(ServingNode.Options.from(TestModels.settings(storeDir)
        .with(ServingSettings.THREADS, 16, "test")
        .with(ServingSettings.MAX_ITEMS, 8, "test"), storeDir));
    http = new Http(node.port());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void embedsCaptionsInOrderWithTheReferenceVector() {
    Http.Answer a =
        http.post(
            "/v1/embed",
            "{\"videos\":[{\"caption\":\"a dog dancing on the beach\"},"
                + "{\"caption\":\"This is an example sentence\"}]}");

    assertThat(a.status()).isEqualTo(200);
    JsonNode body = a.json();
    assertThat(body.get("model").asText()).isEqualTo("minilm");
    assertThat(body.get("version").asText()).isEqualTo("1");
    assertThat(body.get("vectors")).hasSize(2);
    assertThat(body.get("vectors").get(0)).hasSize(384);
    JsonNode example = body.get("vectors").get(1);
    for (int i = 0; i < EXAMPLE_PREFIX.length; i++) {
      assertThat(example.get(i).asDouble()).isCloseTo(EXAMPLE_PREFIX[i], within(1e-4));
    }
    assertThat(body.get("vectors").get(0).get(0).asDouble()).isCloseTo(0.0086298, within(1e-4));
    assertThat(body.get("notes")).isEmpty();
  }

  @Test
  void truncatesAnOverlongCaptionAndSaysSo() {
    String caption = "word ".repeat(600);
    JsonNode body =
        http.post("/v1/embed", "{\"videos\":[{\"caption\":\"ok\"},{\"caption\":\"" + caption + "\"}]}")
            .json();

    assertThat(body.get("notes")).hasSize(1);
    assertThat(body.get("notes").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(body.get("notes").get(0).get("message").asText()).contains("truncated").contains("256");
  }

  @Test
  void embedsThumbnailsAndFramesWithTheVisualEncoder() throws Exception {
    String red = png(Color.RED);
    String blue = png(Color.BLUE);
    JsonNode body =
        http.post(
                "/v1/embed",
                "{\"videos\":[{\"caption\":\"red\",\"image\":\"" + red + "\"},"
                    + "{\"caption\":\"no image\"},"
                    + "{\"caption\":\"frames\",\"frames\":[\"" + red + "\",\"" + blue + "\"]}]}")
            .json();

    JsonNode visual = body.get("visual");
    assertThat(visual.get("model").asText()).isEqualTo("visual");
    assertThat(visual.get("vectors").get(0)).hasSize(visual.get("dimension").asInt());
    assertThat(visual.get("vectors").get(1).isNull()).isTrue();
    assertThat(visual.get("vectors").get(2).toString())
        .isNotEqualTo(visual.get("vectors").get(0).toString());
  }

  @Test
  void rejectsBadInputNamingTheFieldAndTheReason() {
    assertBad("{\"videos\":[{\"caption\":\"\"}]}", "videos[0].caption", "must not be empty");
    assertBad("{\"videos\":[]}", "videos", "at least one");
    assertBad("{\"videos\":[{\"caption\":\"a\",\"colour\":\"red\"}]}", "videos[0].colour", "unknown field");
    assertBad("{\"videos\":[{\"caption\":\"a\",\"image\":\"%%%\"}]}", "videos[0].image", "base64");
    assertBad(
        "{\"videos\":[{\"caption\":\"a\",\"image\":\"" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\"}]}",
        "videos[0].image",
        "not a decodable image");
    assertBad("{\"videos\":[" + "{\"caption\":\"a\"},".repeat(8) + "{\"caption\":\"a\"}]}", "videos", "over the limit of 8");
    assertBad("{\"videos\":[{\"caption\":\"a\"}", "body", "not valid JSON");
    assertBad(
        "{\"videos\":[{\"caption\":\"" + "x".repeat(20_001) + "\"}]}", "videos[0].caption", "over the limit");
    assertBad(
        "{\"pairs\":[{\"user\":[1,2,3],\"challenge\":[1,2,3]}]}",
        "pairs[0].user",
        "expected 384 values, got 3",
        "/v1/score/participation");
    // The server keeps answering after all that.
    assertThat(http.post("/v1/embed", "{\"videos\":[{\"caption\":\"still here\"}]}").status()).isEqualTo(200);
  }

  @Test
  void answersUnknownModelsAndMissingHeadsClearly() {
    Http.Answer unknown = http.post("/v1/embed", "{\"model\":\"nope\",\"videos\":[{\"caption\":\"a\"}]}");
    Http.Answer noHead = http.post("/v1/score/virality", "{\"videos\":[{\"vector\":[1]}]}");
    Http.Answer noRoute = http.get("/v2/nothing");
    Http.Answer wrongMethod = http.get("/v1/embed");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).isEqualTo("unknown_model");
    assertThat(noHead.status()).isEqualTo(503);
    assertThat(noHead.json().get("message").asText()).contains("no virality-head model loaded");
    assertThat(noHead.raw().headers().firstValue("Retry-After")).isPresent();
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(wrongMethod.status()).isEqualTo(405);
  }

  @Test
  void scoresParticipationFromVectorsOrVideoVectors() {
    String user = vector(0.5f);
    String challenge = vector(0.25f);
    JsonNode body =
        http.post(
                "/v1/score/participation",
                "{\"pairs\":[{\"user\":" + user + ",\"challenge\":" + challenge + "},"
                    + "{\"userVideos\":[" + vector(0f) + "," + vector(1f) + "],\"challenge\":" + challenge + "}]}")
            .json();

    double expected = 1 / (1 + Math.exp(-(-1 + 2 * (0.5 + 0.25))));
    assertThat(body.get("probabilities").get(0).asDouble()).isCloseTo(expected, within(1e-5));
    assertThat(body.get("probabilities").get(1).asDouble()).isCloseTo(expected, within(1e-5));
  }

  @Test
  void reportsHealthModelsAndMetrics() {
    http.post("/v1/embed", "{\"videos\":[{\"caption\":\"count me\"}]}");

    assertThat(http.get("/health/live").status()).isEqualTo(200);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
    JsonNode models = http.get("/v1/models").json().get("models");
    assertThat(models.findValuesAsText("name")).contains("minilm", "visual", "participation");
    assertThat(models.get(0).get("version").asText()).isNotBlank();
    Http.Answer metrics = http.get("/metrics");
    assertThat(metrics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("radar_serving_queue_depth{model=\"minilm\",version=\"1\"}")
        .contains("radar_serving_batch_size_bucket{model=\"minilm\",le=\"1\"}")
        .contains("radar_serving_request_seconds_count{endpoint=\"/v1/embed\"}")
        .contains("radar_serving_requests_total{endpoint=\"/v1/embed\",status=\"200\"}");
  }

  @Test
  void embedsACaptionSeenBeforeFromTheCacheWithTheSameVector() {
    String body = "{\"videos\":[{\"caption\":\"cached caption #once\"},"
        + "{\"caption\":\"cached caption #once\"}]}";
    long hitsBefore = metric("radar_serving_caption_cache_hits_total");

    JsonNode first = http.post("/v1/embed", body).json();
    JsonNode second = http.post("/v1/embed", body).json();

    // The repeat inside a request is looked up and encoded once; the second request is a hit.
    assertThat(metric("radar_serving_caption_cache_hits_total") - hitsBefore).isEqualTo(1);
    assertThat(second.get("vectors")).isEqualTo(first.get("vectors"));
    assertThat(first.get("vectors").get(1)).isEqualTo(first.get("vectors").get(0));
    assertThat(http.get("/metrics").body())
        .contains("radar_serving_caption_cache_entries{capacity=\"50000\"}");
  }

  private static long metric(String name) {
    return http.get("/metrics").body().lines().filter(l -> l.startsWith(name + " "))
        .mapToLong(l -> Long.parseLong(l.substring(name.length() + 1).trim())).findFirst()
        .orElseThrow();
  }

  @Test
  void switchesToANewVersionWithoutDroppingRequestsInFlight() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    AtomicBoolean keepGoing = new AtomicBoolean(true);
    String request = "{\"model\":\"reloading\",\"pairs\":[{\"user\":" + vector(0.5f) + ",\"challenge\":" + vector(0.5f) + "}]}";
    List<Future<List<Integer>>> loops = new ArrayList<>();
    try {
      for (int c = 0; c < 4; c++) {
        loops.add(
            callers.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  while (keepGoing.get() || statuses.size() < 5) {
                    statuses.add(http.post("/v1/score/participation", request).status());
                  }
                  return statuses;
                }));
      }
      store.participationHead("reloading", "2", 0f, 3f);
      assertThat(node.models().refresh()).containsExactly("reloading");
      keepGoing.set(false);
      for (Future<List<Integer>> loop : loops) {
        assertThat(loop.get()).containsOnly(200);
      }
    } finally {
      keepGoing.set(false);
      callers.shutdownNow();
    }
    JsonNode body = http.post("/v1/score/participation", request).json();
    assertThat(body.get("version").asText()).isEqualTo("2");
    assertThat(body.get("probabilities").get(0).asDouble())
        .isCloseTo(1 / (1 + Math.exp(-3)), within(1e-5));
  }

  private static void assertBad(String body, String field, String reason) {
    assertBad(body, field, reason, "/v1/embed");
  }

  private static void assertBad(String body, String field, String reason, String path) {
    Http.Answer a = http.post(path, body);
    assertThat(a.status()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
    assertThat(a.json().get("field").asText()).isEqualTo(field);
    assertThat(a.json().get("reason").asText()).contains(reason);
  }

  private static String vector(float firstValue) {
    StringBuilder s = new StringBuilder("[").append(firstValue);
    for (int i = 1; i < 384; i++) {
      s.append(",0.01");
    }
    return s.append(']').toString();
  }

  private static String png(Color colour) throws Exception {
    BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 32, 24);
    g.setColor(Color.WHITE);
    g.drawLine(0, 12, 31, 12);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
