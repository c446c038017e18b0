package io.challengeradar.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.nn.HeadTrainer;
import io.challengeradar.training.nn.Objective;
import io.challengeradar.training.nn.TrainedHead;
import io.challengeradar.training.nn.TrainingOptions;
import io.challengeradar.training.store.HeadRegistrar;
import io.challengeradar.training.text.Embedder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a participation head on real MiniLM vectors of a small caption fixture, registers it in a
 * model store, starts the real serving tier on that store and checks that HTTP scoring gives the
 * offline probabilities; then a newer version with the wrong input size is refused while the
 * trained one keeps serving.
 */
class TrainAndServeIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Topics with a few captions each: a user joins a challenge of their own topic. */
  private static final Map<String, List<String>> TOPICS =
      Map.of(
          "dance", List.of("learning the new dance moves", "dance practice with my sister",
              "my best choreography so far", "dancing in the kitchen again"),
          "food", List.of("easy pasta recipe for dinner", "baking sourdough bread at home",
              "trying street food in bangkok", "five minute breakfast ideas"),
          "pets", List.of("my cat knocks everything over", "puppy sees snow for the first time",
              "teaching my dog a new trick", "the parrot learned to talk"));

  @Test
  void servedProbabilitiesEqualTheOfflineOnesAndAMisSizedVersionIsRefused(@TempDir Path tmp) throws Exception {
    Path built = Path.of(System.getProperty("radar.serving.store", "../serving/target/model-store")).toAbsolutePath();
    DjlRuntime.configure(built.resolveSibling("djl-cache"));
    Path store = Files.createDirectories(tmp.resolve("store"));
    Path minilm = Files.createDirectories(store.resolve("minilm").resolve("1"));
    String props = Files.readString(built.resolve("minilm/1/model.properties"))
        .replace("model.file=", "model.file=" + built.resolve("minilm/1") + "/")
        .replace("tokenizer.file=", "tokenizer.file=" + built.resolve("minilm/1") + "/");
    Files.writeString(minilm.resolve("model.properties"), props);

    List<String> topics = new ArrayList<>(new java.util.TreeSet<>(TOPICS.keySet()));
    List<String> captions = new ArrayList<>();
    topics.forEach(t -> captions.addAll(TOPICS.get(t)));
    Map<String, float[]> vectors;
    try (Embedder embedder = Embedder.open(store, tmp.resolve("cache"))) {
      vectors = embedder.embed(captions, "fixture");
    }
    // Users: two captions of one topic; challenges: the other two captions of each topic.
    Random r = new Random(11);
    List<float[]> x = new ArrayList<>();
    List<Float> y = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      String ut = topics.get(r.nextInt(topics.size()));
      String ct = topics.get(r.nextInt(topics.size()));
      List<String> uc = TOPICS.get(ut);
      List<String> cc = TOPICS.get(ct);
      float[] user = mean(vectors.get(uc.get(r.nextInt(2))), vectors.get(uc.get(r.nextInt(2))));
      float[] challenge = mean(vectors.get(cc.get(2)), vectors.get(cc.get(3)));
      float[] row = new float[768];
      System.arraycopy(user, 0, row, 0, 384);
      System.arraycopy(challenge, 0, row, 384, 384);
      x.add(row);
      y.add(ut.equals(ct) ? 1f : 0f);
    }
    float[][] xs = x.toArray(new float[0][]);
    float[] ys = new float[y.size()];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = y.get(i);
    }
    TrainedHead head = new HeadTrainer(
        TrainingOptions.defaults().withHidden(16).withMaxEpochs(20).withBatchSize(16).withLearningRate(1e-2f), null)
        .train(xs, ys, Objective.BINARY);
    float[] offline = head.scores(xs);
    assertThat(Confusion.of(offline, ys, 0.5).accuracy()).isGreaterThan(0.9);

    HeadRegistrar registrar = new HeadRegistrar(store);
    Map<String, String> layout = Map.of("input.encoder", "minilm", "input.layout", "pair");
    Path v1 = registrar.register("participation", ModelKind.PARTICIPATION_HEAD, head, layout, null);
    assertThat(v1.getFileName().toString()).isEqualTo("1");

    try (ServingNode node = ServingNode.start(ServingNode.Options.from(
        ServingSettings.onAFreePort(store, built.resolveSibling("djl-cache"))
            .with(ServingSettings.THREADS, 4, "test"), store))) {
      List<Map<String, Object>> pairs = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        float[] row = xs[i];
        pairs.add(Map.of("user", java.util.Arrays.copyOfRange(row, 0, 384),
            "challenge", java.util.Arrays.copyOfRange(row, 384, 768)));
      }
      JsonNode answer = post(node.port(), "/v1/score/participation", Map.of("pairs", pairs));
      assertThat(answer.path("version").asText()).isEqualTo("1");
      for (int i = 0; i < 32; i++) {
        assertThat(answer.path("probabilities").get(i).asDouble())
            .isCloseTo(offline[i], org.assertj.core.data.Offset.offset(1e-5));
      }

      // A version trained on other inputs (one side only: 384 values) must not replace it.
      TrainedHead oneSide = new HeadTrainer(
          TrainingOptions.defaults().withHidden(4).withMaxEpochs(2), null)
          .train(java.util.Arrays.stream(xs).map(a -> java.util.Arrays.copyOf(a, 384)).toArray(float[][]::new),
              ys, Objective.BINARY);
      registrar.register("participation", ModelKind.PARTICIPATION_HEAD, oneSide, layout, null);
      assertThat(node.models().refresh()).isEmpty();
      JsonNode again = post(node.port(), "/v1/score/participation", Map.of("pairs", pairs.subList(0, 1)));
      assertThat(again.path("version").asText()).isEqualTo("1");
      assertThat(again.path("probabilities").get(0).asDouble())
          .isCloseTo(offline[0], org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  private static float[] mean(float[] a, float[] b) {
    float[] m = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      m[i] = (a[i] + b[i]) / 2;
    }
    return m;
  }

  private static JsonNode post(int port, String path, Object body) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
