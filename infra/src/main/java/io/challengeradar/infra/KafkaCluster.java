package io.challengeradar.infra;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A local KRaft Kafka of N brokers, each its own process as {@code radar up}'s broker is, with its
 * own data, logs, ports and state file ({@code <base>/broker-i}).
 *
 * <p>One broker is its own controller, as {@code radar up}'s is. From two brokers the controllers
 * are processes of their own ({@code <base>/controller-j}, {@code process.roles=controller}), as
 * Strimzi's controller and broker node pools run them: {@link #controllersFor} of them, each with
 * a small heap. Brokers then stop first, each handing its partitions over while the controllers
 * still hold their majority, and the controllers last; a broker that is also a controller cannot
 * do that once the other controllers are gone.
 *
 * <p>Broker i listens on {@code firstPort + 2(i - 1)} and controller j one port above broker j's
 * (the single broker's own controller too). Brokers are nodes 1..N, controllers
 * {@link KafkaQuorum#CONTROLLER_ID_OFFSET} + j. Topics get {@link KafkaQuorum#replicationFactor()}
 * replicas and {@link KafkaQuorum#minInsyncReplicas()}.
 */
public final class KafkaCluster implements AutoCloseable {
  /** The cluster's folder under the radar home. */
  public static final String DIR_NAME = "kafka-cluster";
  /** A controller's heap: it holds the cluster's metadata only, no partition's records. */
  public static final int CONTROLLER_HEAP_MB = KafkaOptions.MIN_HEAP_MB;

  private final ClusterNodes<KafkaLauncher> controllers =
      new ClusterNodes<>(KafkaLauncher::spawn, KafkaLauncher::awaitAnswer);
  private final ClusterNodes<KafkaLauncher> brokers =
      new ClusterNodes<>(KafkaLauncher::spawn, KafkaLauncher::awaitAnswer);
  private final List<KafkaOptions> brokerOptions = new ArrayList<>();
  private final KafkaQuorum quorum;

  private KafkaCluster(KafkaQuorum quorum) {
    this.quorum = quorum;
  }

  /** The folder of broker {@code index} (1-based) under the cluster's base folder. */
  public static Path brokerDir(Path baseDir, int index) {
    return baseDir.resolve("broker-" + index);
  }

  /** The folder of controller {@code index} (1-based) under the cluster's base folder. */
  public static Path controllerDir(Path baseDir, int index) {
    return baseDir.resolve("controller-" + index);
  }

  /**
   * How many controller processes run beside {@code brokers} brokers: none for one broker (it is
   * its own controller), three from three brokers (a majority survives the loss of any one, as
   * in the usual production quorum), else one. More than three buys nothing on one machine.
   */
  public static int controllersFor(int brokers) {
    return brokers == 1 ? 0 : brokers >= 3 ? 3 : 1;
  }

  /**
   * Starts {@code count} brokers, and their controllers, from {@code template} (its heap,
   * timeouts, class path; ports and folders are each node's) under {@code baseDir} and returns
   * once each answers and, from two brokers, once the cluster may lose one
   * ({@link KafkaReplication}: every broker registered, every partition's replicas in sync; within
   * the template's startup timeout). On any failure every process started is stopped before the
   * exception leaves.
   */
  public static KafkaCluster start(KafkaOptions template, int count, Path baseDir,
      PrintStream notices) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    int controllerCount = controllersFor(count);
    requireLayout(baseDir, count);
    List<KafkaQuorum.Voter> voters = new ArrayList<>();
    if (controllerCount == 0) {
      voters.add(new KafkaQuorum.Voter(1, template.port() + 1));
    }
    for (int j = 1; j <= controllerCount; j++) {
      voters.add(new KafkaQuorum.Voter(KafkaQuorum.CONTROLLER_ID_OFFSET + j,
          template.port() + 2 * (j - 1) + 1));
    }
    // Fresh nodes are all formatted with this id, so the quorum agrees; nodes formatted by an
    // earlier start keep theirs (requireLayout makes it all of them or none).
    KafkaQuorum quorum = new KafkaQuorum(controllerCount == 0 ? 1 : voters.get(0).id(),
        controllerCount == 0 ? KafkaQuorum.Role.COMBINED : KafkaQuorum.Role.CONTROLLER, voters,
        count, Uuid.randomUuid().toString());
    // Every process starts at once on the same cores: each gets the time N would take alone.
    KafkaOptions common = template.withControllerPort(0)
        .withStartupTimeout(template.startupTimeout().multipliedBy(count + controllerCount));
    KafkaCluster cluster = new KafkaCluster(quorum);
    try {
      for (int j = 1; j <= controllerCount; j++) {
        KafkaQuorum.Voter voter = voters.get(j - 1);
        KafkaOptions controller = common.withPort(voter.port())
            .withHeapMb(CONTROLLER_HEAP_MB).withBaseDir(controllerDir(baseDir, j));
        KafkaQuorum seen = quorum.forNode(voter.id(), KafkaQuorum.Role.CONTROLLER);
        cluster.controllers.add(() -> new KafkaLauncher(controller, seen, notices));
      }
      for (int i = 1; i <= count; i++) {
        KafkaOptions broker = common.withPort(template.port() + 2 * (i - 1))
            .withBaseDir(brokerDir(baseDir, i));
        KafkaQuorum seen = quorum.forNode(i, controllerCount == 0
            ? KafkaQuorum.Role.COMBINED : KafkaQuorum.Role.BROKER);
        cluster.brokerOptions.add(broker);
        cluster.brokers.add(() -> new KafkaLauncher(broker, seen, notices));
      }
      cluster.controllers.spawnAll();
      cluster.brokers.spawnAll();
      cluster.controllers.awaitAll();
      cluster.brokers.awaitAll();
      if (count > 1) {
        KafkaReplication replication;
        // One client for the whole wait: it reconnects by itself while brokers come and go.
        try (Admin admin =
            KafkaReplication.admin(cluster.bootstrap())) {
          replication = KafkaReplication.await(
              () -> cluster.readReplication(admin), count, template.startupTimeout());
        }
        notices.println("radar: Kafka of " + count + " brokers registered, "
            + replication.partitions().size() + " partition(s) with every replica in sync");
      }
      return cluster;
    } catch (RuntimeException e) {
      Shutdown.afterFailedStart(cluster, e);
      throw e;
    }
  }

  /** The replication as the brokers see it; refused at once when a process has exited. */
  private KafkaReplication readReplication(Admin admin)
      throws Exception {
    for (KafkaLauncher node : java.util.stream.Stream.concat(controllers.all().stream(),
        brokers.all().stream()).toList()) {
      ServerProcess process = node.process();
      if (!process.isAlive()) {
        throw new PlatformException(process.name() + " exited while the replicas caught up\n"
            + process.logTail());
      }
    }
    return KafkaReplication.read(admin);
  }

  /**
   * Refuses data under {@code baseDir} that was not written by a cluster of {@code brokers}
   * brokers and its {@link #controllersFor} controllers: the metadata lives in the controllers'
   * log, so brokers cannot move to other controllers, nor controllers into brokers.
   */
  static void requireLayout(Path baseDir, int brokers) {
    ClusterFolders.requireSameSize(baseDir, brokers, i -> brokerDir(baseDir, i),
        KafkaCluster::formatted, "Kafka brokers", "--kafka-brokers");
    int expected = controllersFor(brokers);
    List<Integer> controllers = ClusterFolders.nodesWithData(baseDir, expected,
        i -> controllerDir(baseDir, i), KafkaCluster::formatted);
    boolean brokersHaveData = formatted(brokerDir(baseDir, 1));
    if (brokersHaveData && controllers.isEmpty() && expected > 0) {
      throw new PlatformException(baseDir + " holds a Kafka of " + brokers + " brokers that are"
          + " their own controllers, written before brokers and controllers ran apart; its"
          + " metadata cannot move to controller processes: delete " + baseDir
          + " to start afresh");
    }
    if (!controllers.isEmpty() && (!brokersHaveData || !controllers.equals(
        java.util.stream.IntStream.rangeClosed(1, expected).boxed().toList()))) {
      throw new PlatformException(baseDir + " holds the data of controllers " + controllers
          + (brokersHaveData ? "" : " and of no broker") + ", not of the " + expected
          + " controller(s) that " + brokers + " broker(s) run with; delete " + baseDir
          + " to start afresh");
    }
  }

  private static boolean formatted(Path nodeDir) {
    return Files.exists(nodeDir.resolve("data").resolve("meta.properties"));
  }

  /** Every broker's address, comma-separated: the job's and producers' bootstrap servers. */
  public String bootstrap() {
    return String.join(",", brokerOptions.stream().map(KafkaOptions::bootstrap).toList());
  }

  /** Broker {@code index} (1-based, its node id), as last started. */
  public KafkaLauncher broker(int index) {
    return brokers.get(index);
  }

  public List<KafkaLauncher> brokers() {
    return brokers.all();
  }

  /** The controller processes; empty when the one broker is its own controller. */
  public List<KafkaLauncher> controllers() {
    return controllers.all();
  }

  public KafkaQuorum quorum() {
    return quorum;
  }

  /**
   * Starts broker {@code index} again on its own data (after it was killed or stopped) and
   * returns once it answers; the controllers must hold their majority meanwhile.
   */
  public KafkaLauncher restart(int index) {
    return brokers.restart(index);
  }

  /** What runs where, one line per controller and broker. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    List<KafkaLauncher> ctl = controllers.all();
    for (int j = 1; j <= ctl.size(); j++) {
      KafkaLauncher controller = ctl.get(j - 1);
      lines.add(String.format("Kafka controller %d  127.0.0.1:%d  pid %d  heap %d MiB  data %s",
          j, controller.controllerPort(), controller.process().pid(),
          controller.options().heapMb(), controller.options().dataDir()));
    }
    List<KafkaLauncher> all = brokers.all();
    for (int i = 1; i <= all.size(); i++) {
      KafkaLauncher broker = all.get(i - 1);
      lines.add(String.format("Kafka broker %d  %s  pid %d  %sdata %s", i, broker.bootstrap(),
          broker.process().pid(), ctl.isEmpty()
              ? "its own controller on port " + broker.controllerPort() + "  " : "",
          broker.options().dataDir()));
    }
    if (all.size() > 1) {
      lines.add("  topics: replication factor " + quorum.replicationFactor()
          + ", min.insync.replicas " + quorum.minInsyncReplicas() + "; controller quorum "
          + quorum.votersSetting());
    }
    return lines;
  }

  /**
   * Stops the brokers, all at once so one stop timeout covers them, each handing its partitions
   * over while the controllers hold their majority; then the controllers, all at once. Each
   * removes its state file.
   */
  @Override
  public void close() {
    Shutdown.inOrder(List.<AutoCloseable>of(brokers::closeTogether, controllers::closeTogether),
        e -> e instanceof RuntimeException r
            ? r : new PlatformException("stopping Kafka failed: " + e.getMessage(), e));
  }
}
