package io.challengeradar.flink.intel;

import static io.challengeradar.flink.model.Windows.aWindow;
import static io.challengeradar.flink.model.Windows.alertOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.Stage;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.ItPipelines;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The challenge intelligence on a MiniCluster at parallelism 2, with the real serving tier (the
 * real MiniLM encoder and a participation head this test writes) and the real Elasticsearch: a
 * milk-crate challenge is assessed as such, and its likely participants are ranked.
 */
@ExtendWith(SharedElasticsearch.class)
class ChallengeIntelligenceIT {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  private static final Instant DAY_ONE = Instant.parse("2024-03-01T00:00:00Z");
  private static final String CRATES = "cratechallenge";
  private static final String QUIET = "quiettag";
  private static final int TOP_N = 10;
  /** The participation head: sigmoid(BIAS + WEIGHT * (user[0] + challenge[0])). */
  private static final float WEIGHT = 8f;
  private static final float BIAS = 0.5f;

  private static final List<String> CRATE_CAPTIONS = List.of(
      "stacking milk crates into a pyramid and climbing over it",
      "made it to the top of the milk crate pyramid before it collapsed",
      "climbing a tower of plastic milk crates with my friends",
      "milk crate challenge: up the stacked crates and down the other side",
      "we built a crate staircase and tried to walk over it",
      "falling off the stacked milk crates on the way down");
  private static final List<String> EVERYDAY = List.of(
      "dancing in the kitchen to my favourite song", "cooking pasta for the whole family",
      "my dog learns a new trick", "morning run by the river", "painting a sunset on canvas",
      "trying a new skincare routine", "playing guitar on the balcony",
      "baking chocolate chip cookies", "unboxing my new headphones", "a day at the beach",
      "learning to skateboard in the park", "reading my favourite book in the garden",
      "street food tour downtown", "fixing my bike chain", "yoga stretches before bed",
      "building a lego spaceship");

  @TempDir static Path store;
  private static ServingNode serving;
  private static Map<String, float[]> embeddings;

  private final EsContents contents;
  private final String esUrl;

  ChallengeIntelligenceIT(ElasticsearchTestServer es) {
    this.contents = new EsContents(es.client());
    this.esUrl = es.url();
  }

  @BeforeAll
  static void startServing() throws Exception {
    Path built = Path.of(System.getProperty("radar.serving.store", "../serving/target/model-store"))
        .toAbsolutePath();
    Path minilm = built.resolve("minilm").resolve("1");
    model("minilm", "1", String.join("\n", "kind=text-encoder", "engine=OnnxRuntime",
        "device=cpu", "model.file=" + minilm.resolve("all-minilm-l6-v2.onnx"),
        "tokenizer.file=" + minilm.resolve("all-minilm-l6-v2-tokenizer.json"), "dimension=384",
        "max.tokens=256", "batch.size=32", "batch.delay.ms=2", "queue.capacity=1024",
        "timeout.ms=20000"));
    participationHead();
    serving = ServingNode.start(ServingNode.Options.from(
        ServingSettings.onAFreePort(store, built.resolveSibling("djl-cache")), store));
    List<String> all = new ArrayList<>(CRATE_CAPTIONS);
    all.addAll(EVERYDAY);
    List<float[]> vectors = new ServingClient(ClientOptions.of(servingUri())).embedCaptions(all);
    embeddings = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      embeddings.put(all.get(i), vectors.get(i));
    }
  }

  @AfterAll
  static void stopServing() {
    if (serving != null) {
      serving.close();
    }
  }

  private static URI servingUri() {
    return URI.create("http://localhost:" + serving.port());
  }

  @Test
  void assessesTheChallengeAndRanksLikelyParticipantsWhoHaveNotJoined() throws Exception {
    contents.clear();
    Scenario s = new Scenario(new Random(7));
    ChallengeAlert emerging = alert(Stage.EMERGING, s.end);
    ChallengeAlert accelerating = alert(Stage.ACCELERATING, s.end.plusSeconds(3600));
    ChallengeAlert peaked = alert(Stage.PEAKED, s.end.plusSeconds(7200));
    ChallengeAlert quiet = alert(QUIET, Stage.EMERGING, s.end);

    run(s.enrichments, List.of(emerging, accelerating, peaked, quiet));

    assertThat(contents.documents(Index.DEADLETTER.indexName())).isEmpty();
    Map<String, ObjectNode> alerts = contents.documents(Index.ALERTS.indexName());
    assertThat(alerts).containsOnlyKeys(emerging.id(), accelerating.id(), peaked.id(), quiet.id());
    // a tag none of whose videos has an embedding: written, without representation or risk
    assertThat(alerts.get(quiet.id()).get("risk").isNull()).isTrue();
    assertThat(contents.documents(Index.HASHTAGS.indexName()).get("hashtag:" + QUIET)
        .get("representation").isNull()).isTrue();
    ObjectNode a = alerts.get(emerging.id());
    assertThat(a.get("nearestHarmful").asText()).isEqualTo("Milk Crate");
    assertThat(a.get("risk").asDouble()).isGreaterThan(0.5);
    assertThat(a.get("representationVideos").asLong()).isEqualTo(CRATE_CAPTIONS.size());

    ObjectNode stage = contents.documents(Index.HASHTAGS.indexName()).get("hashtag:" + CRATES);
    assertThat(stage.get("alertId").asText()).isEqualTo(peaked.id());
    assertThat(stage.get("representation")).hasSize(384);
    assertThat(stage.get("nearestHarmful").asText()).isEqualTo("Milk Crate");
    assertThat(stage.get("growth").asDouble()).isEqualTo(0.7);

    Map<String, ObjectNode> predictions = contents.documents(Index.PARTICIPATION.indexName());
    List<Map.Entry<String, Double>> expected = s.expectedRanking();
    assertThat(predictions).hasSize(TOP_N);
    assertThat(predictions.values()).allSatisfy(p -> {
      // the later round rewrote every document of the earlier one (same users, newer version)
      assertThat(p.get("round").asText()).isEqualTo(accelerating.id());
      assertThat(p.get("stage").asText()).isEqualTo("ACCELERATING");
      assertThat(p.get("challenge").asText()).isEqualTo("hashtag:" + CRATES);
      assertThat(p.get("model").asText()).isEqualTo("participation");
      assertThat(p.get("modelVersion").asText()).isEqualTo("1");
      assertThat(p.get("userVideos").asInt()).isEqualTo(3);
      assertThat(s.joiners).doesNotContain(p.get("userId").asText());
    });
    for (int rank = 1; rank <= TOP_N; rank++) {
      Map.Entry<String, Double> e = expected.get(rank - 1);
      ObjectNode p = predictions.get("hashtag:" + CRATES + ":" + e.getKey());
      assertThat(p).as("rank %d: %s", rank, e.getKey()).isNotNull();
      assertThat(p.get("rank").asInt()).isEqualTo(rank);
      assertThat(p.get("probability").asDouble()).isCloseTo(e.getValue(), within(1e-4));
    }
  }

  private void run(List<Enrichment> enrichments, List<ChallengeAlert> alerts) throws Exception {
    Configuration c = new Configuration();
    c.set(PipelineOptions.GENERIC_TYPES, false);
    c.set(PipelineOptions.OBJECT_REUSE, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
    env.setParallelism(2);
    DataStream<Enrichment> e = env.fromData(enrichments, TypeInformation.of(Enrichment.class))
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Enrichment>forMonotonousTimestamps()
            .withTimestampAssigner((x, previous) -> x.createdAt().toEpochMilli()));
    DataStream<ChallengeAlert> a = env.fromData(alerts, TypeInformation.of(ChallengeAlert.class))
        .assignTimestampsAndWatermarks(WatermarkStrategy.<ChallengeAlert>forMonotonousTimestamps()
            .withTimestampAssigner((x, previous) -> x.detectedAt().toEpochMilli()));
    IntelligenceOptions options = IntelligenceOptions.from(ItPipelines.config(
        "serving.url", servingUri().toString(), "intelligence.participation.active-within", "7d",
        "intelligence.participation.min-videos", "2",
        "intelligence.participation.max-candidates", "500",
        "intelligence.participation.top-n", String.valueOf(TOP_N)));
    IntelligenceStreams streams = ChallengeIntelligence.attach(e, a, options);
    new ElasticsearchOutputs(ElasticsearchSinkOptions.defaults(List.of(esUrl)))
        .attachIntelligence(streams);
    env.execute("challenge-intelligence-it");
  }

  private static ChallengeAlert alert(Stage stage, Instant windowEnd) {
    return alert(CRATES, stage, windowEnd);
  }

  private static ChallengeAlert alert(String tag, Stage stage, Instant windowEnd) {
    // The stage document carries the trigger window's growth (asserted above).
    return alertOn(stage, aWindow().hashtag(tag).hourTo(windowEnd).firstSeen(DAY_ONE)
        .participantGrowth(0.7).sampleVideos("crate-0").earliestParticipants("joiner-0")
        .build());
  }

  /**
   * Six joiners post the crate videos (and everyday ones); twenty candidates post three everyday
   * videos each; one user posted long ago and one posted once, so neither is a candidate.
   */
  private static final class Scenario {
    final List<Enrichment> enrichments = new ArrayList<>();
    final List<String> joiners = new ArrayList<>();
    final Map<String, List<float[]>> candidateVideos = new LinkedHashMap<>();
    final Instant end;
    private Instant clock = DAY_ONE.plusSeconds(20 * 86400);

    Scenario(Random random) {
      post("old-timer", DAY_ONE, "hashtag:none", pick(random), pick(random), pick(random));
      for (int u = 0; u < 20; u++) {
        String user = String.format(Locale.ROOT, "user-%02d", u);
        List<float[]> mine = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
          String caption = pick(random);
          mine.add(embeddings.get(caption));
          post(user, next(), "everyday", caption);
        }
        candidateVideos.put(user, mine);
      }
      post("one-video", next(), "everyday", pick(random));
      for (int j = 0; j < CRATE_CAPTIONS.size(); j++) {
        String user = "joiner-" + j;
        joiners.add(user);
        post(user, next(), "everyday", pick(random), pick(random));
        post(user, next(), CRATES, CRATE_CAPTIONS.get(j));
      }
      end = next().plusSeconds(3600);
    }

    private Instant next() {
      clock = clock.plusSeconds(600);
      return clock;
    }

    private static String pick(Random random) {
      return EVERYDAY.get(random.nextInt(EVERYDAY.size()));
    }

    private void post(String user, Instant first, String tag, String... captions) {
      Instant at = first;
      for (String caption : captions) {
        String id = tag.equals(CRATES) ? "crate-" + user : user + "-" + enrichments.size();
        enrichments.add(new Enrichment(id, user, at, new String[] {tag}, null,
            new Enrichment.Answer(embeddings.get(caption), "minilm/1", null, null, null, null, null, at,
                null)));
        at = at.plusSeconds(60);
      }
    }

    /** Every candidate's probability as the head computes it, likeliest first. */
    List<Map.Entry<String, Double>> expectedRanking() {
      float[] challenge = mean(CRATE_CAPTIONS.stream().map(embeddings::get).toList());
      return candidateVideos.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey,
              e -> 1 / (1 + Math.exp(-(BIAS + WEIGHT * (mean(e.getValue())[0] + challenge[0]))))))
          .entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()))
          .toList();
    }

    private static float[] mean(List<float[]> vectors) {
      double[] sum = new double[vectors.get(0).length];
      for (float[] v : vectors) {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += v[i];
        }
      }
      float[] out = new float[sum.length];
      for (int i = 0; i < sum.length; i++) {
        out[i] = (float) (sum[i] / vectors.size());
      }
      return out;
    }
  }

  /** A participation head over concatenated user and challenge vectors (768 inputs). */
  private static void participationHead() throws Exception {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < 768; i++) {
      float w = (i == 0 || i == 384) ? WEIGHT : 0f;
      row.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", w));
    }
    Path dir = Files.createDirectories(store.resolve("participation").resolve("1"));
    Files.writeString(dir.resolve("head.json"), "{\"inputDim\":768,\"layers\":[{\"weights\":[["
        + row + "]],\"bias\":[" + BIAS + "],\"activation\":\"sigmoid\"}]}");
    model("participation", "1", "kind=participation-head\nengine=builtin\nbatch.size=64");
  }

  /** Written last and atomically: the store ignores a version until its properties exist. */
  private static void model(String name, String version, String properties) throws Exception {
    Path dir = Files.createDirectories(store.resolve(name).resolve(version));
    Path tmp = dir.resolve("model.properties.tmp");
    Files.writeString(tmp, properties + "\n");
    Files.move(tmp, dir.resolve("model.properties"), StandardCopyOption.ATOMIC_MOVE);
  }
}
