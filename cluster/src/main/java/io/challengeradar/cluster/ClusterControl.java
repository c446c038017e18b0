package io.challengeradar.cluster;

import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchCluster;
import io.challengeradar.infra.ElasticsearchConnection;
import io.challengeradar.infra.ElasticsearchFormation;
import io.challengeradar.infra.KafkaCluster;
import io.challengeradar.infra.KafkaLauncher;
import io.challengeradar.infra.PlatformControl;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A cluster left running ({@code radar cluster up --detach}), found through its processes' state
 * files under the radar home: {@code flink/} (JobManager, TaskManagers),
 * {@code kafka-cluster/broker-i/} and {@code controller-j/}, and
 * {@code elasticsearch-cluster/node-i/}. What {@code radar cluster status} shows and what
 * {@code radar cluster down} stops (TaskManagers, the JobManager, the brokers, the Kafka
 * controllers, then the Elasticsearch nodes).
 */
public final class ClusterControl {
  // The first probe of a fresh CLI JVM loads the admin client: 3 s is too short on a busy machine.
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private ClusterControl() {}

  /** The Flink processes' state files, TaskManagers first. */
  static List<Path> flinkStateFiles(Path radarHome) {
    Path clusterDir = radarHome.resolve(FlinkClusterOptions.DIR_NAME);
    List<Path> files = new ArrayList<>(nodeStateFiles(clusterDir, "taskmanager-"));
    Path jobManager = clusterDir.resolve("jobmanager").resolve(StateFile.FILE_NAME);
    if (Files.isRegularFile(jobManager)) {
      files.add(jobManager);
    }
    return files;
  }

  /** The state files in {@code dir}'s subfolders named {@code prefix}N, in N's order. */
  static List<Path> nodeStateFiles(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
          .sorted(java.util.Comparator.comparingInt(d -> number(d, prefix)))
          .map(d -> d.resolve(StateFile.FILE_NAME)).filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new ClusterException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static int number(Path dir, String prefix) {
    try {
      return Integer.parseInt(dir.getFileName().toString().substring(prefix.length()));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  static List<Path> brokerStateFiles(Path radarHome) {
    return nodeStateFiles(radarHome.resolve(KafkaCluster.DIR_NAME), "broker-");
  }

  static List<Path> controllerStateFiles(Path radarHome) {
    return nodeStateFiles(radarHome.resolve(KafkaCluster.DIR_NAME), "controller-");
  }

  static List<Path> elasticsearchStateFiles(Path radarHome) {
    return nodeStateFiles(radarHome.resolve(ElasticsearchCluster.DIR_NAME), "node-");
  }

  /**
   * Every state file in stop order: Flink, then Kafka's brokers and its controllers, then
   * Elasticsearch.
   */
  static List<Path> stateFiles(Path radarHome) {
    List<Path> all = new ArrayList<>(flinkStateFiles(radarHome));
    all.addAll(brokerStateFiles(radarHome));
    all.addAll(controllerStateFiles(radarHome));
    all.addAll(elasticsearchStateFiles(radarHome));
    return all;
  }

  /** Stops every recorded process; one line per process, empty when nothing was recorded. */
  public static List<String> down(Path radarHome, Duration grace) {
    List<PlatformControl.Stopped> stopped =
        new ArrayList<>(PlatformControl.stop(flinkStateFiles(radarHome), grace));
    // The brokers together, so one grace period covers them all, each handing its partitions
    // over while the controllers still hold their majority; the controllers after them.
    stopped.addAll(PlatformControl.stopTogether(brokerStateFiles(radarHome), grace));
    stopped.addAll(PlatformControl.stopTogether(controllerStateFiles(radarHome), grace));
    stopped.addAll(PlatformControl.stop(elasticsearchStateFiles(radarHome), grace));
    return stopped.stream().map(PlatformControl.Stopped::describe).toList();
  }

  /**
   * Lines describing the recorded processes: Flink with its jobs, the Kafka controllers and
   * brokers, the Elasticsearch nodes.
   */
  public static List<String> status(Path radarHome) {
    List<String> lines = new ArrayList<>(flinkStatus(radarHome));
    lines.addAll(kafkaStatus(controllerStateFiles(radarHome), brokerStateFiles(radarHome)));
    lines.addAll(elasticsearchStatus(elasticsearchStateFiles(radarHome)));
    return lines;
  }

  private static List<String> flinkStatus(Path radarHome) {
    List<Path> files = flinkStateFiles(radarHome);
    if (files.isEmpty()) {
      return List.of("Flink cluster: not running (nothing recorded under "
          + radarHome.resolve(FlinkClusterOptions.DIR_NAME) + ")");
    }
    List<String> lines = new ArrayList<>();
    String restUrl = null;
    for (Path file : files) {
      Optional<StateFile> state = StateFile.read(file);
      if (state.isPresent()) {
        lines.add(processLine(state.get()));
        restUrl = state.get().endpoint();
      }
    }
    FlinkRestClient rest = new FlinkRestClient(restUrl);
    Optional<FlinkRestClient.Overview> overview = rest.overview();
    List<String> head = new ArrayList<>();
    if (overview.isEmpty()) {
      head.add("Flink cluster: " + restUrl + " NOT answering");
    } else {
      FlinkRestClient.Overview o = overview.get();
      head.add("Flink cluster: " + restUrl + " (web UI)  Flink " + o.flinkVersion() + ", "
          + o.taskManagers() + " TaskManager(s), " + o.slotsAvailable() + " of " + o.slotsTotal()
          + " slot(s) free");
    }
    head.addAll(lines);
    if (overview.isPresent()) {
      for (FlinkRestClient.JobSummary job : rest.jobs()) {
        head.add(String.format("  job %s %-10s %s", job.id(), job.state(), job.name()));
      }
    }
    return head;
  }

  private static List<String> kafkaStatus(List<Path> controllerFiles, List<Path> brokerFiles) {
    if (controllerFiles.isEmpty() && brokerFiles.isEmpty()) {
      return List.of();
    }
    List<String> controllers = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (Path file : controllerFiles) {
      StateFile.read(file).ifPresent(s -> {
        boolean reachable = probe(s, KafkaLauncher::controllerReachable);
        if (reachable) {
          controllers.add(s.endpoint());
        }
        body.add(kafkaLine(s, reachable));
      });
    }
    List<String> brokers = new ArrayList<>();
    int recordedBrokers = 0;
    for (Path file : brokerFiles) {
      Optional<StateFile> state = StateFile.read(file);
      if (state.isEmpty()) {
        continue;
      }
      recordedBrokers++;
      boolean reachable = probe(state.get(), KafkaLauncher::reachable);
      if (reachable) {
        brokers.add(state.get().endpoint());
      }
      body.add(kafkaLine(state.get(), reachable));
    }
    List<String> lines = new ArrayList<>();
    lines.add("Kafka: " + brokers.size() + " of " + recordedBrokers + " broker(s) answering"
        + (controllerFiles.isEmpty() ? ""
            : ", " + controllers.size() + " of " + controllerFiles.size() + " controller(s)")
        + (brokers.isEmpty() ? "" : "; bootstrap " + String.join(",", brokers)));
    lines.addAll(body);
    return lines;
  }

  /** True when the recorded process lives and answers {@code describes} at its endpoint. */
  private static boolean probe(StateFile s,
      java.util.function.BiPredicate<String, Duration> describes) {
    return s.liveProcess().isPresent() && Ports.isListening(s.port())
        && describes.test(s.endpoint(), PROBE_TIMEOUT);
  }

  private static String kafkaLine(StateFile s, boolean reachable) {
    boolean alive = s.liveProcess().isPresent();
    return processLine(s) + (alive ? (reachable ? "  reachable" : "  NOT reachable") : "");
  }

  private static List<String> elasticsearchStatus(List<Path> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    List<String> live = new ArrayList<>();
    for (Path file : files) {
      Optional<StateFile> state = StateFile.read(file);
      if (state.isEmpty()) {
        continue;
      }
      lines.add(processLine(state.get()));
      if (state.get().liveProcess().isPresent()) {
        live.add(state.get().endpoint());
      }
    }
    if (live.isEmpty()) {
      lines.add(0, "Elasticsearch cluster: no node running");
      return lines;
    }
    try (ElasticsearchConnection connection = ElasticsearchClients.create(live)) {
      HealthResponse health = connection.client().cluster().health();
      lines.add(0, "Elasticsearch cluster: " + String.join(",", live) + "  health "
          + health.status().jsonValue() + ", " + health.numberOfNodes() + " node(s), "
          + health.activeShards() + " active shard(s), " + health.unassignedShards()
          + " unassigned, " + ElasticsearchFormation.read(connection.restClient())
              .describeVoting());
    } catch (Exception e) {
      lines.add(0, "Elasticsearch cluster: " + String.join(",", live) + "  not answering: "
          + e.getMessage());
    }
    return lines;
  }

  private static String processLine(StateFile s) {
    boolean alive = s.liveProcess().isPresent();
    return String.format("  %-26s pid %-8d %-8s %s", s.server(), s.pid(),
        alive ? "running" : "GONE", alive ? s.endpoint()
            : "(`radar cluster down` clears it)");
  }
}
