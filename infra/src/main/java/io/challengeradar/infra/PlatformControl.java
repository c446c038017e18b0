package io.challengeradar.infra;

import co.elastic.clients.elasticsearch.cat.indices.IndicesRecord;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import io.challengeradar.config.ElasticsearchAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code radar status} and {@code radar down} for servers started by any terminal: both work from
 * the state files in the radar home, never from memory.
 */
public final class PlatformControl {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * What {@link #down} did with one server.
   *
   * @param server the server's name
   * @param stateFile the state file read
   * @param pid the recorded process
   * @param outcome how it stopped; NOT_RUNNING when the record was stale (process already gone)
   */
  public record Stopped(String server, Path stateFile, long pid, ServerProcess.StopOutcome outcome) {
    public String describe() {
      return switch (outcome) {
        case STOPPED -> "stopped " + server + " (pid " + pid + ")";
        case KILLED -> "killed " + server + " (pid " + pid + "): it did not stop in time";
        case NOT_RUNNING -> server + " (pid " + pid + ") was no longer running; removed "
            + stateFile;
      };
    }
  }

  private PlatformControl() {}

  /** The state files {@code radar up} writes under {@code radarHome}, Kafka first (stop order). */
  static List<Path> stateFiles(Path radarHome) {
    return List.of(
        radarHome.resolve(KafkaOptions.DIR_NAME).resolve(StateFile.FILE_NAME),
        radarHome.resolve(ElasticsearchOptions.DIR_NAME).resolve(StateFile.FILE_NAME));
  }

  /** Stops every server recorded under {@code radarHome}; empty when nothing was recorded. */
  public static List<Stopped> down(Path radarHome, Duration grace) {
    return stop(stateFiles(radarHome), grace);
  }

  /**
   * Stops every live process recorded in {@code stateFiles}, in their order, and removes each
   * file; a stale record is removed and reported as NOT_RUNNING. Missing files are skipped.
   */
  public static List<Stopped> stop(List<Path> stateFiles, Duration grace) {
    List<Stopped> stopped = new ArrayList<>();
    for (Path file : stateFiles) {
      Optional<StateFile> state = StateFile.read(file);
      if (state.isEmpty()) {
        continue;
      }
      ServerProcess.StopOutcome outcome = state.get().liveProcess()
          .map(process -> ServerProcess.stop(process, grace))
          .orElse(ServerProcess.StopOutcome.NOT_RUNNING);
      StateFile.delete(file);
      stopped.add(new Stopped(state.get().server(), file, state.get().pid(), outcome));
    }
    return stopped;
  }

  /**
   * Stops every live process recorded in {@code stateFiles} at the same time, as {@link #stop}
   * does one by one, so one grace period covers them all; results in the files' order.
   */
  public static List<Stopped> stopTogether(List<Path> stateFiles, Duration grace) {
    List<java.util.concurrent.CompletableFuture<List<Stopped>>> stopping = new ArrayList<>();
    for (Path file : stateFiles) {
      java.util.concurrent.CompletableFuture<List<Stopped>> one =
          new java.util.concurrent.CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          one.complete(stop(List.of(file), grace));
        } catch (RuntimeException e) {
          one.completeExceptionally(e);
        }
      }, "stop-" + file.getParent().getFileName());
      t.start();
      stopping.add(one);
    }
    List<Stopped> stopped = new ArrayList<>();
    for (java.util.concurrent.CompletableFuture<List<Stopped>> one : stopping) {
      try {
        stopped.addAll(one.join());
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return stopped;
  }

  /** Lines describing each recorded server: running or not, health, indices, reachability. */
  public static List<String> status(Path radarHome) {
    List<String> lines = new ArrayList<>();
    Path esFile = stateFiles(radarHome).get(1);
    Path kafkaFile = stateFiles(radarHome).get(0);
    lines.addAll(elasticsearchStatus(esFile, radarHome));
    lines.addAll(kafkaStatus(kafkaFile));
    return lines;
  }

  private static List<String> elasticsearchStatus(Path file, Path radarHome) {
    Optional<StateFile> state = StateFile.read(file);
    if (state.isEmpty()) {
      return List.of("Elasticsearch: not running (no " + file + ")");
    }
    StateFile s = state.get();
    if (s.liveProcess().isEmpty()) {
      return List.of("Elasticsearch: not running (pid " + s.pid() + " is gone; `radar down`"
          + " clears the stale " + file + ")");
    }
    List<String> lines = new ArrayList<>();
    lines.add("Elasticsearch: " + s.endpoint() + "  pid " + s.pid() + "  as "
        + s.userDescription());
    lines.add("  data " + s.dataDir());
    lines.add("  logs " + s.logsDir());
    ElasticsearchSecurity security =
        ElasticsearchSecurity.under(radarHome.resolve(ElasticsearchOptions.DIR_NAME));
    boolean secure = s.endpoint().startsWith("https:") && security.exists();
    if (secure) {
      lines.add("  TLS and user " + ElasticsearchSecurity.USER + " (" + security.clientFile() + ")");
    }
    try (ElasticsearchConnection connection = ElasticsearchClients.create(secure
        ? security.access(s.endpoint()) : ElasticsearchAccess.plain(s.endpoint()))) {
      HealthResponse health = connection.client().cluster().health();
      lines.add("  health " + health.status().jsonValue() + ", " + health.numberOfNodes()
          + " node(s), " + health.activeShards() + " active shard(s)");
      List<IndicesRecord> indices = new ArrayList<>(connection.client().cat().indices().valueBody());
      indices.removeIf(index -> index.index() == null || index.index().startsWith("."));
      indices.sort(Comparator.comparing(IndicesRecord::index));
      if (indices.isEmpty()) {
        lines.add("  no indices yet");
      }
      for (IndicesRecord index : indices) {
        lines.add(String.format("  index %-28s %10s docs  %s", index.index(), index.docsCount(),
            index.health()));
      }
    } catch (Exception e) {
      lines.add("  not answering: " + e.getMessage());
    }
    return lines;
  }

  private static List<String> kafkaStatus(Path file) {
    Optional<StateFile> state = StateFile.read(file);
    if (state.isEmpty()) {
      return List.of("Kafka: not running (no " + file + ")");
    }
    StateFile s = state.get();
    if (s.liveProcess().isEmpty()) {
      return List.of("Kafka: not running (pid " + s.pid() + " is gone; `radar down` clears the"
          + " stale " + file + ")");
    }
    boolean reachable = Ports.isListening(s.port())
        && KafkaLauncher.reachable(s.endpoint(), PROBE_TIMEOUT);
    return List.of(
        "Kafka: " + s.endpoint() + "  pid " + s.pid() + "  " + (reachable ? "reachable"
            : "NOT reachable"),
        "  data " + s.dataDir(),
        "  logs " + s.logsDir());
  }
}
