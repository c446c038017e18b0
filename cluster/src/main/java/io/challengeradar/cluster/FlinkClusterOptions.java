package io.challengeradar.cluster;

import io.challengeradar.config.Config;
import io.challengeradar.infra.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link FlinkCluster} starts and where: ports, process counts and sizes, the cluster's base
 * folder (config, logs, checkpoints and savepoints below it) and the assembled {@code lib/} folder
 * its JVMs run from.
 *
 * @param restPort the JobManager's REST port
 * @param rpcPort the JobManager's RPC port
 * @param taskManagers how many TaskManagers
 * @param slots task slots per TaskManager
 * @param taskManagerMemoryMb each TaskManager's total process memory
 * @param managedMemoryMb each TaskManager's managed memory
 * @param jobManagerMemoryMb the JobManager's total process memory
 * @param heartbeatTimeout how long before a silent TaskManager counts as lost
 * @param startupTimeout how long to wait for the REST endpoint and every TaskManager
 * @param stopTimeout how long a process may take to stop before it is killed
 * @param baseDir the cluster's folder ({@code .radar/flink})
 * @param libDir the Flink class path folder
 * @param stopOnExit stop the processes when this JVM exits (false for {@code --detach})
 */
public record FlinkClusterOptions(
    int restPort,
    int rpcPort,
    int taskManagers,
    int slots,
    int taskManagerMemoryMb,
    int managedMemoryMb,
    int jobManagerMemoryMb,
    Duration heartbeatTimeout,
    Duration startupTimeout,
    Duration stopTimeout,
    Path baseDir,
    Path libDir,
    boolean stopOnExit) {

  /** The cluster's folder under the radar home. */
  public static final String DIR_NAME = "flink";

  public FlinkClusterOptions {
    Ports.checkPort("restPort", restPort);
    Ports.checkPort("rpcPort", rpcPort);
    if (taskManagers < 1 || slots < 1) {
      throw new IllegalArgumentException("taskManagers and slots must be at least 1");
    }
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(libDir, "libDir");
  }

  /** The options {@code config} names, the cluster under {@code radarHome}, run from this build's lib. */
  public static FlinkClusterOptions from(Config config, Path radarHome) {
    return new FlinkClusterOptions(
        config.get(ClusterSettings.REST_PORT), config.get(ClusterSettings.RPC_PORT),
        config.get(ClusterSettings.TASKMANAGERS), config.get(ClusterSettings.SLOTS),
        config.get(ClusterSettings.TASKMANAGER_MEMORY_MB),
        config.get(ClusterSettings.MANAGED_MEMORY_MB),
        config.get(ClusterSettings.JOBMANAGER_MEMORY_MB),
        config.get(ClusterSettings.HEARTBEAT_TIMEOUT), config.get(ClusterSettings.STARTUP_TIMEOUT),
        config.get(ClusterSettings.STOP_TIMEOUT), radarHome.resolve(DIR_NAME), BuildInfo.flinkLib(),
        true);
  }

  public FlinkClusterOptions withStopOnExit(boolean stop) {
    return new FlinkClusterOptions(restPort, rpcPort, taskManagers, slots, taskManagerMemoryMb,
        managedMemoryMb, jobManagerMemoryMb, heartbeatTimeout, startupTimeout, stopTimeout,
        baseDir, libDir, stop);
  }

  public FlinkClusterOptions withTaskManagers(int count) {
    return new FlinkClusterOptions(restPort, rpcPort, count, slots, taskManagerMemoryMb,
        managedMemoryMb, jobManagerMemoryMb, heartbeatTimeout, startupTimeout, stopTimeout,
        baseDir, libDir, stopOnExit);
  }

  public FlinkClusterOptions withPorts(int rest, int rpc) {
    return new FlinkClusterOptions(rest, rpc, taskManagers, slots, taskManagerMemoryMb,
        managedMemoryMb, jobManagerMemoryMb, heartbeatTimeout, startupTimeout, stopTimeout,
        baseDir, libDir, stopOnExit);
  }

  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  public Path confDir() {
    return baseDir.resolve("conf");
  }

  public Path logsDir() {
    return baseDir.resolve("logs");
  }

  public Path checkpointsDir() {
    return baseDir.resolve("checkpoints");
  }

  public Path savepointsDir() {
    return baseDir.resolve("savepoints");
  }

  public Path jobManagerStateFile() {
    return baseDir.resolve("jobmanager").resolve(io.challengeradar.infra.StateFile.FILE_NAME);
  }

  /** The state file of TaskManager {@code index} (1-based). */
  public Path taskManagerStateFile(int index) {
    return baseDir.resolve("taskmanager-" + index)
        .resolve(io.challengeradar.infra.StateFile.FILE_NAME);
  }
}
