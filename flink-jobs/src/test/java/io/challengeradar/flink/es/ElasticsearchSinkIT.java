package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.IndexTemplate;
import io.challengeradar.contract.IndexTemplates;
import io.challengeradar.contract.TemplateOutcome;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.TestEvents;
import io.challengeradar.flink.enrich.Reenricher;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoSignals;
import io.challengeradar.flink.ops.VideoFeatures;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.WireJson;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Elasticsearch sink alone, on a MiniCluster, against the real server and core's templates. */
@ExtendWith(SharedElasticsearch.class)
class ElasticsearchSinkIT {
  private static final SinkMetrics METRICS = new SinkMetrics();

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = METRICS.miniCluster();

  private static final String WINDOWS = Index.HASHTAG_WINDOWS.indexName();

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  ElasticsearchSinkIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @BeforeEach
  void startFromEmptyIndices() {
    contents.clear();
  }

  @Test
  void serverHasEveryTemplateTheContractShips() {
    List<String> shipped = IndexTemplates.load().stream().map(IndexTemplate::name).toList();

    assertThat(es.templates()).extracting(TemplateOutcome::name)
        .containsAll(shipped)
        .contains(Index.VIDEOS.indexName(), Index.DEADLETTER.indexName(), WINDOWS);
  }

  @Test
  void replayingTheSameWritesLeavesTheSameDocuments() throws Exception {
    List<EsOperation> writes = List.of(
        video("v1", 2, 200),
        video("v2", 1, 100),
        EsOperation.of(WINDOWS, "hashtag:dance:0", json("{\"tag\":\"dance\",\"newPosts\":3}"), null));

    Map<String, Long> first = write(writes);
    Map<String, ObjectNode> videosAfterFirst = contents.documents(Index.VIDEOS.indexName());
    Map<String, Long> second = write(writes);

    assertThat(first).containsEntry("succeeded", 3L).containsEntry("rejected", 0L);
    // external_gte accepts the same version again: a replay rewrites, it is not a conflict.
    assertThat(second).containsEntry("succeeded", 3L).containsEntry("superseded", 0L);
    assertThat(contents.documents(Index.VIDEOS.indexName())).isEqualTo(videosAfterFirst)
        .containsOnlyKeys("v1", "v2");
    assertThat(contents.versions(Index.VIDEOS.indexName())).containsEntry("v1", 2L)
        .containsEntry("v2", 1L);
    assertThat(contents.documents(WINDOWS)).containsOnlyKeys("hashtag:dance:0");
    assertThat(contents.documents(Index.DEADLETTER.indexName())).isEmpty();
  }

  @Test
  void olderVideoVersionNeverOverwritesANewerOne() throws Exception {
    write(List.of(video("v1", 3, 300)));

    Map<String, Long> counters = write(List.of(video("v1", 2, 200), video("v2", 1, 10)));

    assertThat(counters).containsEntry("superseded", 1L).containsEntry("succeeded", 1L)
        .containsEntry("rejected", 0L);
    assertThat(contents.documents(Index.VIDEOS.indexName()).get("v1").get("views").asLong())
        .isEqualTo(300);
    assertThat(contents.versions(Index.VIDEOS.indexName())).containsEntry("v1", 3L);
    assertThat(contents.documents(Index.DEADLETTER.indexName())).isEmpty();
  }

  @Test
  void documentTheMappingRefusesBecomesADeadLetterWithElasticsearchsReason() throws Exception {
    EsOperation unknownField = EsOperation.of(Index.VIDEOS.indexName(), "bad-field",
        json("{\"videoId\":\"bad-field\",\"colour\":\"red\",\"version\":1}"), 1L);
    EsOperation wrongType = EsOperation.of(Index.VIDEOS.indexName(), "bad-type",
        json("{\"videoId\":\"bad-type\",\"views\":\"lots\",\"version\":1}"), 1L);

    Map<String, Long> counters = write(List.of(unknownField, video("good", 1, 5), wrongType));

    // The two dead letters are writes of their own, so they count as succeeded too.
    assertThat(counters).containsEntry("rejected", 2L).containsEntry("succeeded", 3L)
        .containsEntry("retried", 0L).containsEntry("too_large", 0L);
    assertThat(contents.documents(Index.VIDEOS.indexName())).containsOnlyKeys("good");
    Map<String, ObjectNode> letters = new TreeMap<>();
    contents.documents(Index.DEADLETTER.indexName()).values()
        .forEach(d -> letters.put(d.at("/origin/name").asText(), d));
    assertThat(letters).containsOnlyKeys("radar-videos/bad-field", "radar-videos/bad-type");
    assertThat(letters.values()).allSatisfy(d -> {
      assertThat(d.get("stage").asText()).isEqualTo(DeadLetter.STAGE_SINK);
      assertThat(d.get("reason").asText()).isEqualTo(DeadLetter.REASON_REJECTED);
      assertThat(d.at("/origin/kind").asText()).isEqualTo(Origin.DOCUMENT);
      assertThat(d.get("at").asText()).isNotEmpty();
    });
    assertThat(letters.get("radar-videos/bad-field").get("detail").asText())
        .startsWith("400 strict_dynamic_mapping_exception").contains("colour");
    assertThat(letters.get("radar-videos/bad-type").get("detail").asText())
        .startsWith("400 document_parsing_exception").contains("views");
    assertThat(letters.get("radar-videos/bad-field").get("raw").asText())
        .isEqualTo("{\"videoId\":\"bad-field\",\"colour\":\"red\",\"version\":1}");

    // A replay refuses the same documents again and rewrites the same two dead letters.
    write(List.of(unknownField, wrongType));
    assertThat(contents.documents(Index.DEADLETTER.indexName())).hasSize(2);
  }

  /**
   * A video the job gave up enriching is enriched by {@code radar reenrich}; the job still holds
   * it as pending, and its next snapshot must not take the enrichment away.
   */
  @Test
  void aLaterSnapshotOfTheJobDoesNotUndoAReenrichedVideo() throws Exception {
    Instant posted = TestEvents.BEGINNING;
    // The author's earlier video, observed before the post: the history reenrich must send.
    VideoDocument earlier = VideoFeatures.withSnapshot(VideoFeatures.ofPost(
            TestEvents.post("earlier", "a1", posted.minus(Duration.ofDays(2)), "m1", "dance"),
            VideoSignals.NONE),
        TestEvents.snapshot("earlier", posted.minus(Duration.ofDays(1)), 20_000));
    VideoDocument pending = VideoFeatures.withSnapshot(VideoFeatures.ofPost(
            TestEvents.post("late", "a1", posted, "m1", "dance"), VideoSignals.PENDING),
        TestEvents.snapshot("late", posted.plus(Duration.ofMinutes(10)), 100));
    VideoDocument laterSnapshot = VideoFeatures.withSnapshot(pending,
        TestEvents.snapshot("late", posted.plus(Duration.ofHours(1)), 900));
    assertThat(laterSnapshot.signals().pendingEnrichment()).isTrue();
    write(List.of(Documents.video(earlier), Documents.video(pending)));

    List<Wire.EnrichRequest> asked = Collections.synchronizedList(new ArrayList<>());
    HttpServer stub = enrichStub(asked);
    Reenricher.Summary reenriched;
    try (ServingClient client = new ServingClient(ClientOptions.of(
        URI.create("http://127.0.0.1:" + stub.getAddress().getPort())).withMaxRetries(0))) {
      reenriched = new Reenricher(es.client(), client, 8)
          .run(posted, posted.plus(Duration.ofHours(1)), Progress.silent());
    } finally {
      stub.stop(0);
    }
    assertThat(reenriched.enriched()).isEqualTo(1);
    Wire.AuthorHistory sent = asked.get(0).posts().get(0).authorHistory();
    assertThat(sent.count()).as("the earlier video went with the post").isEqualTo(1);
    assertThat(sent.meanLogViews()).isCloseTo(Math.log1p(20_000), within(1e-9));

    Map<String, Long> counters = write(List.of(Documents.video(laterSnapshot)));

    assertThat(counters).containsEntry("superseded", 1L).containsEntry("rejected", 0L);
    ObjectNode late = contents.documents(Index.VIDEOS.indexName()).get("late");
    assertThat(late.get("pendingEnrichment").asBoolean()).as("reenrich's answer kept").isFalse();
    assertThat(late.has("embedding")).as("the vector lives in its own index").isFalse();
    assertThat(contents.documents(Index.EMBEDDINGS.indexName()).get("late").get("embedding"))
        .as("reenrich wrote the vector once").hasSize(384);
    assertThat(late.get("viralityModel").asText()).isEqualTo("virality/2");
    assertThat(late.get("viralityHead").asText()).isEqualTo("author-history");
    assertThat(late.get("viralityAtPost").asDouble()).isEqualTo(0.75);
    // The price: the document keeps the engagement it had when it was re-enriched.
    assertThat(late.get("views").asLong()).isEqualTo(100);
    assertThat(late.get("version").asLong()).isEqualTo(pending.version());
    assertThat(contents.versions(Index.VIDEOS.indexName()))
        .containsEntry("late", Reenricher.VERSION_OFFSET + pending.version());
    assertThat(contents.documents(Index.DEADLETTER.indexName())).isEmpty();
  }

  /**
   * A serving tier that answers every post with a fixed enrichment and the author-history head,
   * and keeps what it was asked.
   */
  private static HttpServer enrichStub(List<Wire.EnrichRequest> asked) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/enrich", exchange -> {
      Wire.EnrichRequest request =
          WireJson.LENIENT.readValue(exchange.getRequestBody(), Wire.EnrichRequest.class);
      asked.add(request);
      float[] vector = new float[384];
      vector[0] = 1;
      List<Wire.EnrichedPost> posts = request.posts().stream()
          .map(p -> new Wire.EnrichedPost(p.videoId(), vector, 0.75f, 0.1f, "author-history"))
          .toList();
      byte[] body = WireJson.write(new Wire.EnrichResponse("minilm/1", "virality/2", 4.5,
          "claims/1", posts, List.of()));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  private Map<String, Long> write(List<EsOperation> writes) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(writes, TypeInformation.of(EsOperation.class))
        .sinkTo(new ElasticsearchSink(ElasticsearchSinkOptions.defaults(List.of(es.url()))))
        .name("elasticsearch");
    JobExecutionResult result = env.execute("elasticsearch-sink-it");
    return METRICS.counters(result.getJobID());
  }

  private static EsOperation video(String id, long version, long views) {
    return EsOperation.of(Index.VIDEOS.indexName(), id, json("{\"videoId\":\"" + id + "\",\"views\":"
        + views + ",\"version\":" + version + "}"), version);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
