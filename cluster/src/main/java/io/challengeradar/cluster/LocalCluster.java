package io.challengeradar.cluster;

import io.challengeradar.config.Config;
import io.challengeradar.infra.ElasticsearchCluster;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.KafkaCluster;
import io.challengeradar.infra.KafkaOptions;
import io.challengeradar.infra.PlatformSettings;
import io.challengeradar.infra.ServerProcess;
import io.challengeradar.infra.Shutdown;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@code radar cluster up} starts: the Flink session cluster and, when asked, an
 * Elasticsearch of N nodes ({@code .radar/elasticsearch-cluster/node-i}) and a Kafka of N brokers
 * ({@code .radar/kafka-cluster/broker-i}, with its controllers in {@code controller-j} from two
 * brokers), Elasticsearch first, then Kafka, then Flink; stopped in
 * the reverse order. Every process leaves a state file where {@link ClusterControl} finds it.
 */
public final class LocalCluster implements AutoCloseable {
  private final ElasticsearchCluster elasticsearch;
  private final KafkaCluster kafka;
  private final FlinkCluster flink;

  private LocalCluster(ElasticsearchCluster elasticsearch, KafkaCluster kafka,
      FlinkCluster flink) {
    this.elasticsearch = elasticsearch;
    this.kafka = kafka;
    this.flink = flink;
  }

  /** The Elasticsearch nodes' template: the platform's defaults with the cluster's port and heap. */
  public static ElasticsearchOptions elasticsearchOptions(Config config, Path radarHome,
      boolean stopOnExit) {
    return ElasticsearchOptions.defaults(radarHome)
        .withHttpPort(config.get(ClusterSettings.ES_PORT))
        .withHeapMb(config.get(ClusterSettings.ES_HEAP_MB)).withStopOnExit(stopOnExit);
  }

  /** The brokers' template: the platform's defaults with the cluster's port and heap. */
  public static KafkaOptions kafkaOptions(Config config, Path radarHome, boolean stopOnExit) {
    return KafkaOptions.defaults(radarHome).withPort(config.get(ClusterSettings.KAFKA_PORT))
        .withHeapMb(config.get(ClusterSettings.KAFKA_HEAP_MB)).withStopOnExit(stopOnExit);
  }

  /**
   * Starts what {@code config} asks for under {@code radarHome}; on any failure what was started
   * is stopped again before the exception leaves.
   */
  public static LocalCluster start(Config config, Path radarHome, boolean stopOnExit,
      PrintStream notices) {
    int esNodes = config.get(ClusterSettings.ES_NODES);
    int brokers = config.get(ClusterSettings.KAFKA_BROKERS);
    ElasticsearchCluster es = null;
    KafkaCluster kafka = null;
    try {
      if (esNodes > 0) {
        notices.println("radar: starting " + esNodes + " Elasticsearch node(s) from port "
            + config.get(ClusterSettings.ES_PORT) + "...");
        // One replica of every shard as soon as a second node can hold it, through the same
        // setting radar up reads (platform.index.replicas).
        Config platform = PlatformSettings.defaults().with(PlatformSettings.INDEX_REPLICAS,
            esNodes > 1 ? 1 : -1, "radar cluster up --es-nodes");
        es = ElasticsearchCluster.start(elasticsearchOptions(config, radarHome, stopOnExit),
            esNodes, radarHome.resolve(ElasticsearchCluster.DIR_NAME),
            PlatformSettings.ingest(platform), notices);
      }
      if (brokers > 0) {
        notices.println("radar: starting " + brokers + " Kafka broker(s) from port "
            + config.get(ClusterSettings.KAFKA_PORT) + "...");
        kafka = KafkaCluster.start(kafkaOptions(config, radarHome, stopOnExit), brokers,
            radarHome.resolve(KafkaCluster.DIR_NAME), notices);
      }
      FlinkClusterOptions flinkOptions =
          FlinkClusterOptions.from(config, radarHome).withStopOnExit(stopOnExit);
      notices.println("radar: starting a Flink session cluster: 1 JobManager, "
          + flinkOptions.taskManagers() + " TaskManager(s) x " + flinkOptions.slots()
          + " slot(s)...");
      FlinkCluster flink = new FlinkCluster(flinkOptions, notices).start();
      return new LocalCluster(es, kafka, flink);
    } catch (RuntimeException e) {
      Shutdown.afterFailedStart(new LocalCluster(es, kafka, null), e);
      throw e;
    }
  }

  public FlinkCluster flink() {
    return flink;
  }

  public Optional<ElasticsearchCluster> elasticsearch() {
    return Optional.ofNullable(elasticsearch);
  }

  public Optional<KafkaCluster> kafka() {
    return Optional.ofNullable(kafka);
  }

  /** Every process started, Flink's first: the CLI waits until one of them exits. */
  public List<ServerProcess> processes() {
    List<ServerProcess> all = new ArrayList<>();
    all.add(flink.jobManager());
    all.addAll(flink.taskManagers());
    if (kafka != null) {
      kafka.brokers().forEach(b -> all.add(b.process()));
      kafka.controllers().forEach(c -> all.add(c.process()));
    }
    if (elasticsearch != null) {
      elasticsearch.nodes().forEach(n -> all.add(n.process()));
    }
    return all;
  }

  /** What runs where, one line per Elasticsearch node, Kafka controller and broker. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (elasticsearch != null) {
      lines.addAll(elasticsearch.describe());
      lines.add("  hosts for the job: --es " + String.join(",", elasticsearch.urls()));
    }
    if (kafka != null) {
      lines.addAll(kafka.describe());
      lines.add("  bootstrap for the job: --kafka " + kafka.bootstrap());
    }
    return lines;
  }

  /** Stops Flink, then Kafka, then Elasticsearch. */
  @Override
  public void close() {
    Shutdown.inOrder(Arrays.asList(flink, kafka, elasticsearch),
        e -> e instanceof RuntimeException r
            ? r : new ClusterException("stopping the cluster failed: " + e.getMessage(), e));
  }
}
