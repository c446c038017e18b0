package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.contract.Index;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.RetainedCheckpoints;
import io.challengeradar.flink.source.KafkaReplay;
import io.challengeradar.infra.KafkaLauncher;
import io.challengeradar.infra.KafkaOptions;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.ServerProcess;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radar pipeline} as a user runs it (its own JVM, the default RocksDB state backend),
 * killed with SIGKILL mid-stream after a checkpoint and started again with the same arguments:
 * it says it resumes from that checkpoint and ends with the same Elasticsearch contents,
 * document by document and versions included, as an uninterrupted run of the same stream. Started
 * without its state over those documents, it reports the version regression on its console.
 *
 * <p>Both topics are replayed as the demo does (posts and snapshots, event-time timestamps), read
 * by one reader (parallelism 1).
 * {@code radar pipeline} never ends its input, so nothing drains the last windows: both runs
 * stop at the same watermark (the slower topic's last event), which the idle timeout of an hour
 * keeps from jumping while a topic waits for the test.
 */
@ExtendWith(SharedElasticsearch.class)
class PipelineRestartIT {
  // Deadlines only: a run on an idle machine takes a fraction of them.
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final int POSTS = 200;

  @TempDir Path tmp;

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  PipelineRestartIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @Test
  void killedMidStreamAndStartedAgainItResumesAndEndsWithTheDocumentsOfAnUninterruptedRun()
      throws Exception {
    List<String> lines = generated();
    Path firstHalf = write("first.ndjson", lines.subList(0, lines.size() / 2));
    Path secondHalf = write("second.ndjson", lines.subList(lines.size() / 2, lines.size()));
    KafkaOptions defaults = KafkaOptions.defaults(SharedElasticsearch.testHome());
    KafkaOptions kafkaOptions = new KafkaOptions(Ports.anyFree(), Ports.anyFree(),
        tmp.resolve("kafka"), defaults.heapMb(), defaults.startupTimeout(),
        defaults.stopTimeout(), defaults.classPath(), true);
    try (KafkaLauncher kafka = new KafkaLauncher(kafkaOptions,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start()) {
      KafkaReplay replay = new KafkaReplay(kafka.bootstrap(), EventCodec.withDefaults());
      replay.recreateTopics();

      // Killed after a checkpoint that holds part of the stream, then started again.
      contents.clear();
      Path checkpoints = tmp.resolve("checkpoints");
      List<String> args = pipelineArgs(kafka.bootstrap(), checkpoints, "restart-it");
      long firstEvents = replay.produce(firstHalf, Progress.silent());
      phase("Kafka up, first half produced");
      ServerProcess killed = pipeline("pipeline-killed", args);
      contents.awaitAccountedEvents(firstEvents, WAIT);
      phase("first half accounted for");
      long before = RetainedCheckpoints.latest(checkpoints.toString())
          .map(RetainedCheckpoints.Retained::checkpointId).orElse(0L);
      awaitCheckpointAfter(checkpoints, before);
      killed.kill();
      phase("killed after checkpoint " + before);
      assertThat(console("pipeline-killed")).contains("pipeline: starting fresh (no checkpoint");

      long total = firstEvents + replay.produce(secondHalf, Progress.silent());
      ServerProcess resumed = pipeline("pipeline-resumed", args);
      contents.awaitAccountedEvents(total, WAIT);
      Map<String, Map<String, JsonNode>> restarted = awaitSettled();
      Map<String, Long> restartedVersions = contents.versions(Index.VIDEOS.indexName());
      stop(resumed);
      phase("resumed run settled");
      String resumedConsole = console("pipeline-resumed");
      assertThat(resumedConsole).contains("pipeline: resuming from checkpoint")
          .doesNotContain("version regression");

      // The same stream, uninterrupted, from a fresh checkpoint folder and consumer group.
      contents.clear();
      ServerProcess reference = pipeline("pipeline-reference",
          pipelineArgs(kafka.bootstrap(), tmp.resolve("reference"), "reference-it"));
      contents.awaitAccountedEvents(total, WAIT);
      Map<String, Map<String, JsonNode>> uninterrupted = awaitSettled();
      Map<String, Long> uninterruptedVersions = contents.versions(Index.VIDEOS.indexName());
      stop(reference);
      phase("reference run settled");

      assertThat(restarted.get(Index.VIDEOS.indexName())).as("videos").hasSize(POSTS);
      assertThat(restarted.get(Index.HASHTAG_WINDOWS.indexName())).as("windows").isNotEmpty();
      assertThat(EsContents.differences(restarted, uninterrupted)).isEmpty();
      assertThat(restartedVersions).isEqualTo(uninterruptedVersions);

      // Started without its state (another checkpoint folder and group) over what it wrote:
      // its versions start at 1 again, and the console says so rather than staying silent.
      ServerProcess stateless = pipeline("pipeline-stateless",
          pipelineArgs(kafka.bootstrap(), tmp.resolve("empty"), "stateless-it"));
      awaitConsole("pipeline-stateless", "version regression: ");
      stop(stateless);
      assertThat(console("pipeline-stateless"))
          .contains("this job started without state", "Resume from the latest checkpoint");
      phase("version regression reported");
    }
  }

  private void awaitConsole(String name, String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!console(name).contains(text)) {
      assertThat(System.nanoTime()).as(name + " prints " + text).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(200); // polled with the deadline above
    }
  }

  private List<String> generated() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StreamGenerator(GeneratorOptions.of(42, POSTS)).writeTo(out, Progress.silent());
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private Path write(String name, List<String> lines) throws Exception {
    Path file = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  private List<String> pipelineArgs(String bootstrap, Path checkpoints, String group) {
    return List.of("pipeline", "--kafka", bootstrap, "--es", es.url(),
        // One reader for both topics: a second reader would hold no split, and a reader
        // without a split holds the watermark back until the idle timeout.
        "--checkpoints", checkpoints.toString(), "--group-id", group, "--parallelism", "1",
        "--set", "checkpoint.interval=1s", "--set", "watermark.idle-timeout=1h");
  }

  /** {@code radar <args>} in its own JVM on this class path, its console in {@link #console}. */
  private ServerProcess pipeline(String name, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-cp", System.getProperty("java.class.path"),
        "-Dradar.home=" + tmp.resolve("home"),
        "-D" + CliLogging.FILE_PROPERTY + "=" + tmp.resolve(name + ".log"),
        "io.challengeradar.app.Radar"));
    command.addAll(args);
    return ServerProcess.spawn(new ServerProcess.Spec(name, command, Map.of(),
        Path.of("").toAbsolutePath(), tmp.resolve(name + ".out"), List.of()),
        Duration.ofSeconds(20), true);
  }

  private String console(String name) throws Exception {
    return Files.readString(tmp.resolve(name + ".out"));
  }

  /** Its documents are read already: no need to wait for a graceful stop. */
  private static void stop(ServerProcess p) throws Exception {
    p.kill();
  }

  private final long started = System.nanoTime();

  /** Where the time goes, on the test's output. */
  private void phase(String what) {
    System.err.printf("PipelineRestartIT: %s after %d s%n", what,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  private void awaitCheckpointAfter(Path checkpoints, long id) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (RetainedCheckpoints.latest(checkpoints.toString())
        .map(RetainedCheckpoints.Retained::checkpointId).orElse(0L) <= id) {
      assertThat(System.nanoTime()).as("a checkpoint after " + id).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(200); // polled with the deadline above
    }
  }

  /**
   * Waits until the documents stop changing for two seconds, and returns them: the events are
   * all accounted for, and the windows that their watermark closes are written shortly after.
   */
  private Map<String, Map<String, JsonNode>> awaitSettled() throws Exception {
    Map<String, Map<String, JsonNode>> last = contents.comparable();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      TimeUnit.SECONDS.sleep(2); // polled with the deadline below
      Map<String, Map<String, JsonNode>> now = contents.comparable();
      if (now.equals(last)) {
        return now;
      }
      assertThat(System.nanoTime()).as("Elasticsearch settles").isLessThan(deadline);
      last = now;
    }
  }
}
