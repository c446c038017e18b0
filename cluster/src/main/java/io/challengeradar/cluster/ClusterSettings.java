package io.challengeradar.cluster;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import java.time.Duration;

/**
 * Every setting of the local Flink session cluster ({@code radar cluster up}), defined once;
 * {@link FlinkClusterOptions} is built from them. The cluster's folders live under the radar home
 * ({@code .radar/flink}), where {@code radar cluster status} and {@code radar cluster down} find
 * them by their state files.
 */
public final class ClusterSettings {
  private ClusterSettings() {}

  public static final Option<Integer> REST_PORT = Option.key("cluster.flink.rest-port").intType()
      .defaultValue(8091).between(1, 65_535)
      .description("The JobManager's REST port and web UI (loopback only); submission goes"
          + " through it.");
  public static final Option<Integer> RPC_PORT = Option.key("cluster.flink.rpc-port").intType()
      .defaultValue(6123).between(1, 65_535)
      .description("The JobManager's RPC port, which TaskManagers register with.");
  public static final Option<Integer> TASKMANAGERS = Option.key("cluster.taskmanagers").intType()
      .defaultValue(2).between(1, 16)
      .description("How many TaskManagers to start, each its own JVM.");
  public static final Option<Integer> SLOTS = Option.key("cluster.taskmanager.slots").intType()
      .defaultValue(2).between(1, 64)
      .description("Task slots per TaskManager.");
  public static final Option<Integer> TASKMANAGER_MEMORY_MB =
      Option.key("cluster.taskmanager.memory-mb").intType().defaultValue(1280)
          .check(mb -> mb >= 768, "must be at least 768")
          .description("Each TaskManager's total process memory, in MiB; Flink divides it into"
              + " heap, network, managed and JVM overhead as its own scripts would.");
  public static final Option<Integer> MANAGED_MEMORY_MB =
      Option.key("cluster.taskmanager.managed-memory-mb").intType().defaultValue(128)
          .check(mb -> mb >= 0, "must not be negative")
          .description("Each TaskManager's managed memory (RocksDB's block cache and write"
              + " buffers), in MiB.");
  public static final Option<Integer> JOBMANAGER_MEMORY_MB =
      Option.key("cluster.jobmanager.memory-mb").intType().defaultValue(1024)
          .check(mb -> mb >= 768, "must be at least 768")
          .description("The JobManager's total process memory, in MiB.");
  public static final Option<Duration> STARTUP_TIMEOUT =
      Option.key("cluster.startup-timeout").durationType().defaultValue(Duration.ofSeconds(90))
          .positive()
          .description("How long to wait for the JobManager's REST endpoint and for every"
              + " TaskManager to register.");
  public static final Option<Duration> STOP_TIMEOUT =
      Option.key("cluster.stop-timeout").durationType().defaultValue(Duration.ofSeconds(30))
          .positive()
          .description("How long a Flink process may take to stop on SIGTERM before it is"
              + " killed.");
  public static final Option<Duration> HEARTBEAT_TIMEOUT =
      Option.key("cluster.heartbeat-timeout").durationType().defaultValue(Duration.ofSeconds(15))
          .positive()
          .description("How long the JobManager waits for a silent TaskManager before it counts"
              + " it lost and restarts its tasks elsewhere (Flink's default is 50 s).");

  public static final OptionGroup GROUP = OptionGroup.of("cluster",
      "The local Flink session cluster (radar cluster up): one JobManager and N TaskManagers,"
          + " each its own JVM, assembled from Flink's Maven Central artifacts.",
      REST_PORT, RPC_PORT, TASKMANAGERS, SLOTS, TASKMANAGER_MEMORY_MB, MANAGED_MEMORY_MB,
      JOBMANAGER_MEMORY_MB, STARTUP_TIMEOUT, STOP_TIMEOUT, HEARTBEAT_TIMEOUT);

  /** Every cluster setting at its default; tests change what they need with {@link Config#with}. */
  public static Config defaults() {
    return Config.defaults(GROUP);
  }
}
