package io.challengeradar.flink;

import static io.challengeradar.flink.KafkaToElasticsearch.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.cluster.ClusterSettings;
import io.challengeradar.cluster.FlinkCluster;
import io.challengeradar.cluster.FlinkClusterOptions;
import io.challengeradar.cluster.FlinkRestClient;
import io.challengeradar.cluster.JobSubmitter;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.contract.Index;
import io.challengeradar.core.event.Event;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.ServerProcess;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job jar on a real Flink session cluster (a JobManager and two TaskManagers, each its own
 * JVM), reading Kafka and writing the real Elasticsearch, submitted through Flink's REST API as
 * {@code radar submit} does. Each test ends, document by document, with what an uninterrupted run
 * of the same stream on the same cluster writes:
 *
 * <ul>
 *   <li>a TaskManager killed with SIGKILL mid-stream: the job restarts from its checkpoint on the
 *       remaining slots;
 *   <li>stopped with a savepoint at parallelism 2, resumed at 3, stopped again and resumed at 1.
 * </ul>
 */
@ExtendWith(SharedElasticsearch.class)
class FlinkClusterIT {
  private static FlinkCluster cluster;

  private final ElasticsearchTestServer es;
  private final EsContents contents;
  private TestKafka kafka;

  FlinkClusterIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @BeforeAll
  static void startCluster() throws Exception {
    Path home = Files.createDirectories(Path.of("target", "cluster-it").toAbsolutePath());
    FlinkClusterOptions options = FlinkClusterOptions.from(ClusterSettings.defaults()
            .with(ClusterSettings.HEARTBEAT_TIMEOUT, Duration.ofSeconds(6), "test")
            .with(ClusterSettings.TASKMANAGER_MEMORY_MB, 1024, "test")
            .with(ClusterSettings.MANAGED_MEMORY_MB, 64, "test"),
        Files.createTempDirectory(home, "home-"))
        .withPorts(Ports.anyFree(), Ports.anyFree());
    cluster = new FlinkCluster(options, new PrintStream(PrintStream.nullOutputStream())).start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createPipelineTopics(1);
  }

  /** A test that failed half-way leaves no job behind to hold the next test's slots. */
  @AfterEach
  void cancelJobs() {
    FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
    rest.jobs().stream().filter(j -> !List.of("FINISHED", "CANCELED", "FAILED")
        .contains(j.state())).forEach(j -> rest.cancel(j.id()));
  }

  @AfterEach
  void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void taskManagerKilledMidStreamEndsWithTheDocumentsOfAnUninterruptedRun() throws Exception {
    FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
    JobSubmitter submitter = new JobSubmitter(rest, line -> { });
    List<Event> all = ChallengeScenario.events();
    List<Event> first = all.subList(0, all.size() / 2);
    List<Event> second = all.subList(all.size() / 2, all.size());

    contents.clear();
    long accountedFirst = produce(first);
    String killed = submit(submitter, "failover-it");
    // config.yaml names no backend: the job sets its own default, RocksDB.
    assertThat(rest.stateBackend(killed)).isEqualTo("EmbeddedRocksDBStateBackend");
    contents.awaitAccountedEvents(accountedFirst, WAIT);
    awaitCheckpoints(rest, killed, rest.completedCheckpoints(killed) + 1);

    ServerProcess victim = cluster.taskManagers().get(0);
    victim.kill();
    long total = accountedFirst + produce(second);
    awaitRestarted(rest, killed);
    submitter.awaitState(killed, "RUNNING", WAIT);
    contents.awaitAccountedEvents(total, WAIT);
    submitter.stopWithSavepoint(killed, null, true, WAIT);
    Map<String, Map<String, JsonNode>> restarted = contents.comparable();
    Map<String, Long> restartedVersions = contents.versions(Index.VIDEOS.indexName());

    cluster.addTaskManager();
    contents.clear();
    String reference = submit(submitter, "reference-it");
    contents.awaitAccountedEvents(total, WAIT);
    submitter.stopWithSavepoint(reference, null, true, WAIT);

    assertThat(rest.restarts(killed)).isGreaterThanOrEqualTo(1);
    assertThat(restarted.get(Index.VIDEOS.indexName())).hasSize(ChallengeScenario.VIDEOS);
    assertThat(differences(restarted, contents.comparable())).isEmpty();
    assertThat(restartedVersions).isEqualTo(contents.versions(Index.VIDEOS.indexName()));
  }

  @Test
  void stoppedWithSavepointsAndResumedAtOtherParallelismsEndsWithTheSameDocuments()
      throws Exception {
    FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
    JobSubmitter submitter = new JobSubmitter(rest, line -> { });
    List<Event> all = ChallengeScenario.events();
    int third = all.size() / 3;

    contents.clear();
    long accounted = produce(all.subList(0, third));
    String job = submit(submitter, "rescale-it", null, 2);
    contents.awaitAccountedEvents(accounted, WAIT);
    String savepoint = submitter.stopWithSavepoint(job, null, false, WAIT);

    accounted += produce(all.subList(third, 2 * third));
    job = submit(submitter, "rescale-it", savepoint, 3);
    assertThat(rest.job(job).path("vertices").findValues("parallelism"))
        .extracting(JsonNode::asInt).contains(3);
    contents.awaitAccountedEvents(accounted, WAIT);
    savepoint = submitter.stopWithSavepoint(job, null, false, WAIT);

    long total = accounted + produce(all.subList(2 * third, all.size()));
    job = submit(submitter, "rescale-it", savepoint, 1);
    contents.awaitAccountedEvents(total, WAIT);
    submitter.stopWithSavepoint(job, null, true, WAIT);
    Map<String, Map<String, JsonNode>> rescaled = contents.comparable();
    Map<String, Long> rescaledVersions = contents.versions(Index.VIDEOS.indexName());

    contents.clear();
    String reference = submit(submitter, "rescale-reference-it", null, 2);
    contents.awaitAccountedEvents(total, WAIT);
    submitter.stopWithSavepoint(reference, null, true, WAIT);

    assertThat(rescaled.get(Index.VIDEOS.indexName()))
        .as("videos; dead letters: %s", rescaled.get(Index.DEADLETTER.indexName()).values())
        .hasSize(ChallengeScenario.VIDEOS);
    assertThat(differences(rescaled, contents.comparable())).isEmpty();
    assertThat(rescaledVersions).isEqualTo(contents.versions(Index.VIDEOS.indexName()));
  }

  private String submit(JobSubmitter submitter, String groupId) {
    return submit(submitter, groupId, null, 2);
  }

  private String submit(JobSubmitter submitter, String groupId, String savepoint,
      int parallelism) {
    List<String> args = List.of(
        "--set", JobConfig.KAFKA.key() + "=" + kafka.bootstrapServers(),
        "--set", JobConfig.GROUP_ID.key() + "=" + groupId,
        "--set", CommonOptions.ELASTICSEARCH_HOSTS.key() + "=" + es.url(),
        "--set", PipelineOptions.CHECKPOINT_INTERVAL.key() + "=1s",
        // radar.engagement stays empty and holds the watermark back until the drain, so every
        // window and alert comes out then, whatever the timing on a loaded machine (as in
        // RestartIT).
        "--set", PipelineOptions.IDLE_TIMEOUT.key() + "=1h",
        "--set", JobConfig.NAME.key() + "=" + groupId);
    return submitter.submit(new JobSubmitter.Submission(
        JobSubmitter.builtJar(RadarHome.projectRoot()), args, savepoint, parallelism, WAIT))
        .jobId();
  }

  /** Sends the events to the test's Kafka, as {@link KafkaToElasticsearch#produce} does. */
  private long produce(List<Event> events) throws Exception {
    return KafkaToElasticsearch.produce(kafka.bootstrapServers(), events);
  }

  private static void awaitCheckpoints(FlinkRestClient rest, String job, long count)
      throws InterruptedException {
    KafkaToElasticsearch.await(count + " completed checkpoints of " + job,
        () -> rest.completedCheckpoints(job) >= count);
  }

  private static void awaitRestarted(FlinkRestClient rest, String job)
      throws InterruptedException {
    KafkaToElasticsearch.await("a restart of " + job, () -> rest.restarts(job) >= 1);
  }

  /** Each document that differs between two runs, as "index/id: restarted -> uninterrupted". */
  static List<String> differences(Map<String, Map<String, JsonNode>> restarted,
      Map<String, Map<String, JsonNode>> uninterrupted) {
    return EsContents.differences(restarted, uninterrupted);
  }
}
