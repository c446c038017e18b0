package io.challengeradar.cluster;

import io.challengeradar.infra.PlatformControl;
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
 * files under {@code .radar/flink}: what {@code radar cluster status} shows and what
 * {@code radar cluster down} stops (TaskManagers first, then the JobManager).
 */
public final class ClusterControl {
  private ClusterControl() {}

  /** The state files, TaskManagers first. */
  static List<Path> stateFiles(Path clusterDir) {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(clusterDir)) {
      try (Stream<Path> dirs = Files.list(clusterDir)) {
        dirs.filter(d -> d.getFileName().toString().startsWith("taskmanager-")).sorted()
            .map(d -> d.resolve(StateFile.FILE_NAME)).filter(Files::isRegularFile)
            .forEach(files::add);
      } catch (IOException e) {
        throw new ClusterException("cannot list " + clusterDir + ": " + e.getMessage(), e);
      }
    }
    Path jobManager = clusterDir.resolve("jobmanager").resolve(StateFile.FILE_NAME);
    if (Files.isRegularFile(jobManager)) {
      files.add(jobManager);
    }
    return files;
  }

  /** Stops every recorded process; one line per process, empty when nothing was recorded. */
  public static List<String> down(Path clusterDir, Duration grace) {
    return PlatformControl.stop(stateFiles(clusterDir), grace).stream()
        .map(PlatformControl.Stopped::describe).toList();
  }

  /** Lines describing the recorded processes and, when the JobManager answers, its jobs. */
  public static List<String> status(Path clusterDir) {
    List<Path> files = stateFiles(clusterDir);
    if (files.isEmpty()) {
      return List.of("Flink cluster: not running (nothing recorded under " + clusterDir + ")");
    }
    List<String> lines = new ArrayList<>();
    String restUrl = null;
    for (Path file : files) {
      Optional<StateFile> state = StateFile.read(file);
      if (state.isEmpty()) {
        continue;
      }
      StateFile s = state.get();
      boolean alive = s.liveProcess().isPresent();
      lines.add(String.format("  %-22s pid %-8d %s", s.server(), s.pid(),
          alive ? "running" : "GONE (`radar cluster down` clears it)"));
      restUrl = s.endpoint();
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
}
