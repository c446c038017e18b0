package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.core.event.Event;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.enrich.EnrichedRuns;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.serving.ServingNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job killed after a checkpoint and restored from it ends with the same Elasticsearch contents
 * as a job that ran through: nothing lost, nothing written twice.
 *
 * <p>The input arrives in three parts. The first job reads part A, takes a checkpoint, reads part
 * B (so it writes past its checkpoint) and is cancelled; part C arrives; a new job restored from
 * the checkpoint reads B again and C, and is stopped with a draining savepoint (end of event time,
 * so the last windows and alerts come out). The reference run reads A, B and C in one job.
 *
 * <p>With enrichment on (a real serving tier in process), the same holds and every video ends
 * enriched once: answers in flight at the checkpoint are re-sent after the restore, and a video
 * the first job had already enriched past its checkpoint is enriched again to the same values and
 * the same version.
 *
 * <p>Every event goes to the single partition of {@code radar.posts}, in event-time order: one
 * Kafka reader may hold both topics and interleave them in any order, and then which events are
 * late would differ from run to run. (Routing by topic is {@link KafkaPipelineIT}'s subject.)
 */
@ExtendWith(SharedElasticsearch.class)
class RestartIT {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Instant END_OF_A = TestEvents.minutes(90);
  private static final Instant END_OF_B = TestEvents.minutes(150);
  /** Inserted among part C's events: far behind them, so it is dead-lettered as late. */
  private static final String LATE_POST = TestEvents.line(
      TestEvents.post("late", "a-late", TestEvents.minutes(20), null, "dance"));

  private TestKafka kafka;
  /** How long the sink holds a video's document for later changes; zero: not at all. */
  private Duration videoCoalesce = Duration.ZERO;

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  RestartIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  /** Topics of their own per test: the job reads them from the earliest offset. */
  @BeforeEach
  void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createPipelineTopics(1);
  }

  @AfterEach
  void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void jobRestoredFromCheckpointEndsWithSameDocumentsAsUninterruptedRun(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    Runs runs = restartedAndUninterrupted(cluster, () -> { });

    assertThat(contents.accountedEvents()).isEqualTo(runs.total());
    assertThat(runs.restarted().get(Index.VIDEOS.indexName())).hasSize(ChallengeScenario.VIDEOS);
    assertThat(runs.restarted().get(Index.DEADLETTER.indexName()).values())
        .extracting(d -> d.get("reason").asText())
        .containsExactlyInAnyOrder(DeadLetter.REASON_INVALID, DeadLetter.REASON_LATE);
    assertThat(runs.restarted().get(TagKind.HASHTAG.windowIndex())).isNotEmpty();
    assertThat(runs.restarted().get(Index.ALERTS.indexName())).containsKey(ChallengeAlert.idFor(
        TagKind.HASHTAG, "dance", Stage.EMERGING, TestEvents.minutes(2 * 60)));
    assertThat(differences(runs.restarted(), runs.uninterrupted())).isEmpty();
    assertThat(runs.uninterruptedVersions()).isEqualTo(runs.restartedVersions());
  }

  @Test
  void jobCoalescingVideoWritesRestoredFromCheckpointEndsWithSameDocumentsAsUninterruptedRun(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    videoCoalesce = Duration.ofMillis(500);

    Runs runs = restartedAndUninterrupted(cluster, () -> { });

    assertThat(contents.accountedEvents()).isEqualTo(runs.total());
    assertThat(runs.restarted().get(Index.VIDEOS.indexName())).hasSize(ChallengeScenario.VIDEOS);
    assertThat(differences(runs.restarted(), runs.uninterrupted())).isEmpty();
    assertThat(runs.uninterruptedVersions()).isEqualTo(runs.restartedVersions());
  }

  @Test
  void jobWithEnrichmentRestoredFromCheckpointEnrichesEveryVideoOnceAsUninterruptedRun(
      @InjectMiniCluster MiniCluster cluster, @TempDir Path storeDir) throws Exception {
    try (ServingNode serving = EnrichedRuns.startServing(storeDir)) {
      Runs runs = restartedAndUninterrupted(cluster,
          // Drained only once every video is enriched: a retry waits on a processing-time
          // timer, which the end of input does not wait for.
          () -> EnrichedRuns.awaitEnriched(contents, ChallengeScenario.VIDEOS, WAIT),
          "serving.url", "http://localhost:" + serving.port(),
          "enrichment.timeout", "20s",
          "enrichment.retry.initial-backoff", "200ms",
          "enrichment.retry.max-backoff", "1s");

      Map<String, JsonNode> videos = runs.restarted().get(Index.VIDEOS.indexName());
      assertThat(videos).hasSize(ChallengeScenario.VIDEOS);
      assertThat(videos.values()).allSatisfy(v -> {
        assertThat(v.get("pendingEnrichment").asBoolean()).isFalse();
        assertThat(v.has("embedding")).isFalse();
        assertThat(v.get("embeddingModel").asText()).isEqualTo("minilm/1");
      });
      // Each vector in its own index, once per video, after the restore as without it.
      Map<String, JsonNode> vectors = runs.restarted().get(Index.EMBEDDINGS.indexName());
      assertThat(vectors).hasSize(ChallengeScenario.VIDEOS).allSatisfy((id, e) -> {
        assertThat(e.get("embedding")).hasSize(384);
        assertThat(e.get("embeddingModel").asText()).isEqualTo("minilm/1");
      });
      // The post, its snapshots and one enrichment: the enrichment applied once.
      Map<String, JsonNode> plain = runs.uninterrupted().get(Index.VIDEOS.indexName());
      assertThat(runs.restartedVersions()).allSatisfy((id, version) ->
          assertThat(version).as(id).isEqualTo(plain.get(id).get("snapshots").asLong() + 2));
      assertThat(differences(runs.restarted(), runs.uninterrupted())).isEmpty();
      assertThat(runs.uninterruptedVersions()).isEqualTo(runs.restartedVersions());
    }
  }

  /** Both runs' comparable contents and video versions, and the records sent in all. */
  private record Runs(Map<String, Map<String, JsonNode>> restarted,
      Map<String, Long> restartedVersions, Map<String, Map<String, JsonNode>> uninterrupted,
      Map<String, Long> uninterruptedVersions, long total) {}

  /**
   * Runs the scenario twice, as the class comment says: cancelled after a checkpoint and
   * restored, then uninterrupted; {@code beforeDrain} runs once each run has accounted for every
   * event.
   */
  private Runs restartedAndUninterrupted(MiniCluster cluster, ThrowingRunnable beforeDrain,
      String... options) throws Exception {
    contents.clear();
    Path work = Files.createTempDirectory(
        Files.createDirectories(Path.of("target", "restart-it")).toAbsolutePath(), "run-");
    List<Event> all = ChallengeScenario.events();
    List<Event> a = all.stream().filter(e -> e.eventTime().isBefore(END_OF_A)).toList();
    List<Event> b = all.stream().filter(e -> !e.eventTime().isBefore(END_OF_A)
        && e.eventTime().isBefore(END_OF_B)).toList();
    List<Event> c = all.stream().filter(e -> !e.eventTime().isBefore(END_OF_B)).toList();

    long accountedAfterA = produce(a, "{not json", -1);
    JobClient first = start(work, "restart-it", null, options);
    contents.awaitAccountedEvents(accountedAfterA, WAIT);
    String checkpoint = cluster.triggerCheckpoint(first.getJobID())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long accountedAfterB = accountedAfterA + produce(b, null, -1);
    contents.awaitAccountedEvents(accountedAfterB, WAIT);
    first.cancel().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    awaitEnd(first);

    long total = accountedAfterB + produce(c, LATE_POST, 10);
    JobClient resumed = start(work, "restart-it", checkpoint, options);
    contents.awaitAccountedEvents(total, WAIT);
    beforeDrain.run();
    drain(resumed, work);
    Map<String, Map<String, JsonNode>> restarted = contents.comparable();
    Map<String, Long> restartedVersions = contents.versions(Index.VIDEOS.indexName());

    contents.clear();
    JobClient uninterrupted = start(work, "uninterrupted-it", null, options);
    contents.awaitAccountedEvents(total, WAIT);
    beforeDrain.run();
    drain(uninterrupted, work);
    return new Runs(restarted, restartedVersions, contents.comparable(),
        contents.versions(Index.VIDEOS.indexName()), total);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Each document that differs between two runs, as "index/id: restarted -> uninterrupted". */
  private static List<String> differences(Map<String, Map<String, JsonNode>> restarted,
      Map<String, Map<String, JsonNode>> uninterrupted) {
    List<String> found = new ArrayList<>();
    for (String index : EsContents.INDICES) {
      Map<String, JsonNode> r = restarted.get(index);
      Map<String, JsonNode> u = uninterrupted.get(index);
      java.util.Set<String> ids = new java.util.TreeSet<>(r.keySet());
      ids.addAll(u.keySet());
      for (String id : ids) {
        if (!java.util.Objects.equals(r.get(id), u.get(id))) {
          found.add(index + "/" + id + ": " + r.get(id) + " -> " + u.get(id));
        }
      }
    }
    return found;
  }

  /**
   * Sends the part's events in event-time order, with {@code extra} (if any) at {@code extraAt}
   * (-1: last); returns how many records were sent.
   */
  private long produce(List<Event> part, String extra, int extraAt) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Event e : part) {
      lines.add(TestEvents.line(e));
    }
    if (extra != null) {
      lines.add(extraAt < 0 ? lines.size() : extraAt, extra);
    }
    kafka.produce(PipelineSources.POSTS_TOPIC, lines, null);
    return lines.size();
  }

  /** Starts the job on the unbounded topics, from {@code restoreFrom} when given. */
  private JobClient start(Path work, String groupId, String restoreFrom, String... options)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    Configuration c = new Configuration();
    c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    // Keeps the checkpoint the test took even if a periodic one completes after it.
    c.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 10);
    if (restoreFrom != null) {
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    env.configure(c);
    RadarPipeline job = ItPipelines.intoElasticsearch(es.url())
        .outputs(new ElasticsearchOutputs(ElasticsearchSinkOptions.from(
            Config.defaults(ElasticsearchSinkOptions.GROUP)
                .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(es.url()), "test")
                .with(ElasticsearchSinkOptions.VIDEO_COALESCE, videoCoalesce, "test"))))
        .source(kafka.source(groupId, false))
        // The test takes the checkpoint it needs; periodic ones would only add noise.
        // radar.engagement stays empty, so its reader holds the watermark back until the job is
        // drained: windows and alerts come out at the end. A short idle timeout would let them
        // out earlier, but a reader that turns idle and active again can let an activity reach
        // TrendWindows after its window was emitted (seen here with 500ms; see the report).
        .options(ChallengeScenario.options(with(options, "checkpoint.interval", "1h")))
        .checkpointDirectory(work.resolve("checkpoints").toUri().toString())
        .build();
    job.configure(env);
    job.build(env);
    return env.executeAsync(groupId);
  }

  private static String[] with(String[] options, String... more) {
    String[] all = java.util.Arrays.copyOf(more, more.length + options.length);
    System.arraycopy(options, 0, all, more.length, options.length);
    return all;
  }

  /** Stops with a savepoint that first advances to the end of event time, and waits for the end. */
  private static void drain(JobClient job, Path work) throws Exception {
    job.stopWithSavepoint(true, work.resolve("savepoints").toUri().toString(),
        SavepointFormatType.CANONICAL).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void awaitEnd(JobClient job) throws Exception {
    try {
      job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException expected) {
      // A cancelled job ends with an exception; all that matters is that it has ended.
    }
    assertThat(job.getJobStatus().get(WAIT.toSeconds(), TimeUnit.SECONDS).isGloballyTerminalState())
        .isTrue();
  }
}
