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

  public static final Option<Integer> ES_NODES = Option.key("cluster.elasticsearch.nodes")
      .intType().defaultValue(0).between(0, 9)
      .description("Elasticsearch nodes to start beside the Flink cluster, each its own process"
          + " of the distribution radar up runs, all master-eligible; with more than one, the"
          + " index templates get one replica (platform.index.replicas 1). 0: none (radar up"
          + " gives the single node).");
  public static final Option<Integer> ES_PORT = Option.key("cluster.elasticsearch.port")
      .intType().defaultValue(9200).between(1, 65_435)
      .description("The first Elasticsearch node's HTTP port; node i listens on this + i - 1"
          + " and on transport port this + 100 + i - 1 (loopback only).");
  public static final Option<Integer> ES_HEAP_MB = Option.key("cluster.elasticsearch.heap-mb")
      .intType().defaultValue(256).check(mb -> mb >= 128, "must be at least 128")
      .description("Each Elasticsearch node's JVM heap (-Xms and -Xmx), in MiB.");
  public static final Option<Integer> KAFKA_BROKERS = Option.key("cluster.kafka.brokers")
      .intType().defaultValue(0).between(0, 9)
      .description("KRaft Kafka brokers to start beside the Flink cluster, each its own"
          + " process. One broker is its own controller; from two, the controllers are processes"
          + " of their own (three from three brokers, else one), stopped after the brokers."
          + " Topics get min(brokers, 3) replicas and, from three brokers, min.insync.replicas 2,"
          + " so three survive the loss of any one broker. 0: none (radar up --kafka gives"
          + " one).");
  public static final Option<Integer> KAFKA_PORT = Option.key("cluster.kafka.port").intType()
      .defaultValue(9092).between(1, 65_500)
      .description("The first broker's client port; broker i listens on this + 2(i - 1), and"
          + " controller j (or the single broker's own controller) one above broker j's port"
          + " (loopback only).");
  public static final Option<Integer> KAFKA_HEAP_MB = Option.key("cluster.kafka.heap-mb")
      .intType().defaultValue(256).check(mb -> mb >= 128, "must be at least 128")
      .description("Each broker's JVM heap (-Xms and -Xmx), in MiB; a controller process"
          + " gets 128 MiB (it holds only the cluster's metadata).");

  public static final OptionGroup GROUP = OptionGroup.of("cluster",
      "The local Flink session cluster (radar cluster up): one JobManager and N TaskManagers,"
          + " each its own JVM, assembled from Flink's Maven Central artifacts; beside it, when"
          + " asked, a multi-node Elasticsearch and a multi-broker Kafka.",
      REST_PORT, RPC_PORT, TASKMANAGERS, SLOTS, TASKMANAGER_MEMORY_MB, MANAGED_MEMORY_MB,
      JOBMANAGER_MEMORY_MB, STARTUP_TIMEOUT, STOP_TIMEOUT, HEARTBEAT_TIMEOUT, ES_NODES, ES_PORT,
      ES_HEAP_MB, KAFKA_BROKERS, KAFKA_PORT, KAFKA_HEAP_MB);

  /** Every cluster setting at its default; tests change what they need with {@link Config#with}. */
  public static Config defaults() {
    return Config.defaults(GROUP);
  }
}
