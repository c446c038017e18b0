package io.challengeradar.infra;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A local KRaft Kafka of N brokers, each its own process as {@code radar up}'s broker is, with its
 * own data, logs, ports and state file ({@code <base>/broker-i}). Every node is broker and
 * controller; the quorum's voters are all of them, so three nodes keep a majority when any one is
 * lost (two do not: use one or three). Broker i listens on {@code firstPort + 2(i - 1)}, its
 * controller one port above. Topics get {@link KafkaQuorum#replicationFactor()} replicas and
 * {@link KafkaQuorum#minInsyncReplicas()}.
 */
public final class KafkaCluster implements AutoCloseable {
  /** The cluster's folder under the radar home. */
  public static final String DIR_NAME = "kafka-cluster";

  private final List<KafkaLauncher> brokers = new ArrayList<>();
  private final List<KafkaOptions> options = new ArrayList<>();
  private final KafkaQuorum quorum;
  private final PrintStream notices;

  private KafkaCluster(KafkaQuorum quorum, PrintStream notices) {
    this.quorum = quorum;
    this.notices = notices;
  }

  /** The folder of broker {@code index} (1-based) under the cluster's base folder. */
  public static Path brokerDir(Path baseDir, int index) {
    return baseDir.resolve("broker-" + index);
  }

  /**
   * Starts {@code count} brokers from {@code template} (its heap, timeouts, class path; ports and
   * folders are each broker's) under {@code baseDir} and returns once each answers. On any
   * failure every broker started is stopped before the exception leaves.
   */
  public static KafkaCluster start(KafkaOptions template, int count, Path baseDir,
      PrintStream notices) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    List<Integer> controllerPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      controllerPorts.add(template.port() + 2 * i + 1);
    }
    ClusterFolders.requireSameSize(baseDir, count, i -> brokerDir(baseDir, i),
        dir -> java.nio.file.Files.exists(dir.resolve("data").resolve("meta.properties")),
        "Kafka brokers", "--kafka-brokers");
    // Fresh brokers are all formatted with this id, so the quorum agrees; brokers formatted by an
    // earlier start keep theirs (the check above makes it all of them or none).
    KafkaQuorum quorum = new KafkaQuorum(1, controllerPorts, Uuid.randomUuid().toString());
    KafkaCluster cluster = new KafkaCluster(quorum, notices);
    try {
      for (int i = 1; i <= count; i++) {
        // Every broker starts at once on the same cores: each gets the time N would take alone.
        KafkaOptions broker = template.withPort(template.port() + 2 * (i - 1))
            .withStartupTimeout(template.startupTimeout().multipliedBy(count))
            .withControllerPort(controllerPorts.get(i - 1)).withBaseDir(brokerDir(baseDir, i));
        cluster.options.add(broker);
        cluster.brokers.add(new KafkaLauncher(broker, quorum.forNode(i), notices));
      }
      for (KafkaLauncher broker : cluster.brokers) {
        broker.spawn();
      }
      for (KafkaLauncher broker : cluster.brokers) {
        broker.awaitAnswer();
      }
      return cluster;
    } catch (RuntimeException e) {
      Shutdown.afterFailedStart(cluster, e);
      throw e;
    }
  }

  /** Every broker's address, comma-separated: the job's and producers' bootstrap servers. */
  public String bootstrap() {
    return String.join(",", options.stream().map(KafkaOptions::bootstrap).toList());
  }

  /** Broker {@code index} (1-based), as last started. */
  public synchronized KafkaLauncher broker(int index) {
    return brokers.get(index - 1);
  }

  public synchronized List<KafkaLauncher> brokers() {
    return List.copyOf(brokers);
  }

  public KafkaQuorum quorum() {
    return quorum;
  }

  /**
   * Starts broker {@code index} again on its own data (after it was killed or stopped) and
   * returns once it answers; the others must hold the quorum's majority meanwhile.
   */
  public synchronized KafkaLauncher restart(int index) {
    KafkaLauncher old = brokers.get(index - 1);
    old.close();
    KafkaLauncher fresh = new KafkaLauncher(options.get(index - 1), quorum.forNode(index),
        notices);
    brokers.set(index - 1, fresh);
    fresh.start();
    return fresh;
  }

  /** What runs where, one line per broker. */
  public synchronized List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= brokers.size(); i++) {
      KafkaLauncher broker = brokers.get(i - 1);
      lines.add(String.format("Kafka broker %d  %s  pid %d  controller port %d  data %s", i,
          broker.bootstrap(), broker.process().pid(), broker.controllerPort(),
          broker.options().dataDir()));
    }
    if (brokers.size() > 1) {
      lines.add("  topics: replication factor " + quorum.replicationFactor()
          + ", min.insync.replicas " + quorum.minInsyncReplicas());
    }
    return lines;
  }

  /**
   * Stops every broker still running, all at once, so one stop timeout covers them all: every
   * broker is also a controller, and the one whose controlled shutdown comes last finds no
   * controller majority left and is killed at the end of the timeout (its data is on disk; Kafka
   * recovers its logs at the next start). Each removes its state file.
   */
  @Override
  public synchronized void close() {
    List<Thread> stopping = new ArrayList<>();
    List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (KafkaLauncher broker : brokers) {
      Thread t = new Thread(() -> {
        try {
          broker.close();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }, "stop-kafka-broker");
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException("interrupted while stopping the Kafka brokers", e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
