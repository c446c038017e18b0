package io.challengeradar.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.config.Config;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.ItPipelines;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.TestEvents;
import io.challengeradar.flink.TestKafka;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving tier goes away mid-stream and comes back on the same port: every post still ends
 * up in exactly one document, enriched once, and the outage shows in the counts. Then one that
 * never answers: every post is given up, stays pending and leaves a dead letter that says why.
 * The second test reads the topics from the start, so the first one's posts are given up too.
 */
@ExtendWith(SharedElasticsearch.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrichmentFaultIT {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  private static final int POSTS_PER_PHASE = 20;
  private static final Duration DEADLINE = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path storeDir;
  private static TestKafka kafka;
  /** Posts sent to the topic so far (by every test of the class: each job reads them all). */
  private static int produced;
  private static Config servingConfig;

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  EnrichmentFaultIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @BeforeAll
  static void start() throws Exception {
    kafka = TestKafka.start();
    kafka.createPipelineTopics(2);
    servingConfig = EnrichedRuns.servingConfig(storeDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void everyPostEndsEnrichedOnceAfterTheServingTierCameBack() throws Exception {
    contents.clear();
    ServingNode serving = ServingNode.start(ServingNode.Options.from(servingConfig, storeDir));
    int port = serving.port();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    RadarPipeline job = ItPipelines.intoElasticsearch(es.url())
        .source(kafka.source("enrichment-fault-it", false))
        .options(ItPipelines.options(
            "lateness.allowed", "1d",
            "serving.url", "http://localhost:" + port,
            "enrichment.timeout", "2s",
            "enrichment.retry.initial-backoff", "200ms",
            "enrichment.retry.max-backoff", "1s",
            "enrichment.retry.max-attempts", "1000"))
        .build();
    job.configure(env);
    job.build(env);
    JobClient client = env.executeAsync("enrichment-fault-it");
    try {
      produce(0);
      await("the first posts enriched", docs -> enrichedCount(docs) == POSTS_PER_PHASE);

      serving.close();
      produce(1);
      await("the posts of the outage indexed, pending",
          docs -> docs.size() == 2 * POSTS_PER_PHASE
              && docs.values().stream().anyMatch(d -> d.get("pendingEnrichment").asBoolean()));

      serving = ServingNode.start(ServingNode.Options.from(
          servingConfig.with(ServingSettings.PORT, port, "test"), storeDir));
      await("every post enriched", docs -> enrichedCount(docs) == 2 * POSTS_PER_PHASE);

      Map<String, ObjectNode> videos = contents.documents(Index.VIDEOS.indexName());
      assertThat(videos).hasSize(2 * POSTS_PER_PHASE);
      assertThat(contents.documents(Index.DEADLETTER.indexName())).isEmpty();
      assertThat(videos.values()).allSatisfy(v -> {
        assertThat(v.get("pendingEnrichment").asBoolean()).isFalse();
        assertThat(v.get("embedding")).hasSize(384);
        assertThat(v.get("embeddingModel").asText()).isEqualTo("minilm/1");
        // The post and one enrichment: nothing applied twice.
        assertThat(v.get("version").asLong()).isEqualTo(2);
      });
      // Running jobs report accumulators with the task managers' heartbeats: poll for them.
      Map<String, Object> counts = awaitCounts(client, 2L * POSTS_PER_PHASE);
      assertThat((Long) counts.get(PendingEnrichments.PENDING)).isPositive();
      assertThat((Long) counts.get(PendingEnrichments.ENRICHED)).isEqualTo(2L * POSTS_PER_PHASE);
      assertThat((Long) counts.get(PendingEnrichments.RETRIED))
          .isGreaterThanOrEqualTo((Long) counts.get(PendingEnrichments.PENDING));
      assertThat((Long) counts.get(PendingEnrichments.GAVE_UP)).isZero();
    } finally {
      client.cancel().get(10, TimeUnit.SECONDS);
      serving.close();
    }
  }

  @Test
  @Order(2)
  void everyPostGivenUpIsADeadLetterWithItsAttemptsAndStaysPending() throws Exception {
    contents.clear();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    RadarPipeline job = ItPipelines.intoElasticsearch(es.url())
        .source(kafka.source("enrichment-give-up-it", false))
        .options(ItPipelines.options(
            "lateness.allowed", "1d",
            "serving.url", "http://localhost:" + closedPort,
            "enrichment.timeout", "1s",
            "enrichment.retry.initial-backoff", "100ms",
            "enrichment.retry.max-backoff", "200ms",
            "enrichment.retry.max-attempts", "2"))
        .build();
    job.configure(env);
    job.build(env);
    JobClient client = env.executeAsync("enrichment-give-up-it");
    try {
      produce(2);
      await("every post given up", docs -> docs.size() == produced
          && giveUps().size() == produced);

      Map<String, ObjectNode> videos = contents.documents(Index.VIDEOS.indexName());
      assertThat(videos.values()).allSatisfy(v -> {
        assertThat(v.get("pendingEnrichment").asBoolean()).isTrue();
        assertThat(v.get("version").asLong()).as("the post alone").isEqualTo(1);
      });
      Map<String, ObjectNode> giveUps = giveUps();
      assertThat(giveUps.values()).allSatisfy(d -> {
        assertThat(d.get("reason").asText()).isEqualTo(DeadLetter.REASON_SERVING_UNREACHABLE);
        assertThat(d.get("attempts").asInt()).as("the first call and two retries").isEqualTo(3);
        assertThat(d.at("/origin/kind").asText()).isEqualTo(Origin.KAFKA);
        assertThat(d.at("/origin/name").asText()).isEqualTo(PipelineSources.POSTS_TOPIC);
        assertThat(d.get("detail").asText()).contains("3 attempts", "radar reenrich");
      });
      assertThat(giveUps.values()).extracting(d -> videoIdOf(d.get("raw").asText()))
          .containsExactlyInAnyOrderElementsOf(videos.keySet());
      // Outside the input count: each post was applied to its video.
      PipelineResults results = PipelineResults.read(es.client());
      assertThat(results.eventsApplied()).isEqualTo(videos.size());
      assertThat(results.deadLettered()).isZero();
      assertThat(results.documentsRefused()).isZero();
      PipelineResults.Enrichments enrichment = PipelineResults.enrichments(es.client());
      assertThat(enrichment.gaveUp()).isEqualTo(videos.size());
      assertThat(enrichment.pendingEnrichment()).isEqualTo(videos.size());
    } finally {
      client.cancel().get(10, TimeUnit.SECONDS);
    }
  }

  /** The dead letters of stage enrichment by id; none while the index is not there yet. */
  private Map<String, ObjectNode> giveUps() {
    try {
      Map<String, ObjectNode> all = new TreeMap<>(contents.documents(Index.DEADLETTER.indexName()));
      all.values().removeIf(d -> !DeadLetter.STAGE_ENRICHMENT.equals(d.get("stage").asText()));
      return all;
    } catch (java.io.UncheckedIOException notYet) {
      return Map.of();
    }
  }

  private static String videoIdOf(String raw) {
    try {
      return JSON.readTree(raw).get("videoId").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, Object> awaitCounts(JobClient client, long enriched) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      Map<String, Object> counts = client.getAccumulators().get(10, TimeUnit.SECONDS);
      Object seen = counts.get(PendingEnrichments.ENRICHED);
      if ((seen != null && (Long) seen >= enriched) || System.nanoTime() > deadline) {
        return counts;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
  }

  private void produce(int phase) throws Exception {
    List<String> lines = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < POSTS_PER_PHASE; i++) {
      String id = "fault-" + phase + "-" + i;
      lines.add(TestEvents.line(TestEvents.post(id, "author-" + (i % 7),
          TestEvents.minutes(phase * 60 + i), "m" + (i % 3), "dance", "phase" + phase)));
      keys.add(id);
    }
    kafka.produce(PipelineSources.POSTS_TOPIC, lines, keys);
    produced += lines.size();
  }

  /** The videos, or none while the index the sink just created has no started shard yet. */
  private Map<String, ObjectNode> videosOrNone() {
    try {
      return contents.documents(Index.VIDEOS.indexName());
    } catch (java.io.UncheckedIOException notYet) {
      return Map.of();
    }
  }

  private static long enrichedCount(Map<String, ObjectNode> docs) {
    return docs.values().stream()
        .filter(d -> d.hasNonNull("pendingEnrichment") && !d.get("pendingEnrichment").asBoolean())
        .count();
  }

  /** Polls Elasticsearch (the sink writes asynchronously) until the videos satisfy {@code done}. */
  private void await(String what, Predicate<Map<String, ObjectNode>> done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!done.test(videosOrNone())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }
}
