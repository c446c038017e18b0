package io.challengeradar.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.config.Config;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.ItPipelines;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.TestEvents;
import io.challengeradar.flink.TestKafka;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving tier goes away mid-stream and comes back on the same port: every post still ends
 * up in exactly one document, enriched once, and the outage shows in the counts.
 */
@ExtendWith(SharedElasticsearch.class)
class EnrichmentFaultIT {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  private static final int POSTS_PER_PHASE = 20;
  private static final Duration DEADLINE = Duration.ofSeconds(40);

  @TempDir static Path storeDir;
  private static TestKafka kafka;
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
        assertThat(v.get("embeddingModel").asText()).isEqualTo("minilm/1");
        // The post and one enrichment: nothing applied twice.
        assertThat(v.get("version").asLong()).isEqualTo(2);
      });
      assertThat(contents.documents(Index.EMBEDDINGS.indexName())).hasSize(2 * POSTS_PER_PHASE)
          .allSatisfy((id, e) -> assertThat(e.get("embedding")).hasSize(384));
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
