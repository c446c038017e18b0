package io.challengeradar.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Whether a local Kafka of N brokers may lose one: every broker registered and unfenced (in the
 * cluster's description), and every partition's in-sync replicas all of its replicas. Each broker
 * answering is not enough over existing data: a broker that stops leaves the in-sync replicas of
 * its partitions, so right after the next start the replicas that left are still catching up,
 * and losing a broker then can leave a partition without an in-sync replica to lead it, or an
 * {@code acks=all} write short of {@code min.insync.replicas}. A fresh cluster has no topic yet,
 * so there only the registrations are waited for.
 *
 * @param registeredBrokers the brokers in the cluster's description
 * @param partitions every partition, internal topics' included
 */
record KafkaReplication(int registeredBrokers, List<Partition> partitions) {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  KafkaReplication {
    partitions = List.copyOf(partitions);
  }

  /**
   * One partition's replication.
   *
   * @param name topic-partition
   * @param replicas how many replicas it has
   * @param inSync how many of them are in sync
   */
  record Partition(String name, int replicas, int inSync) {}

  /**
   * What keeps a Kafka of {@code brokers} brokers from surviving the loss of one; empty once every
   * broker is registered and every partition has all its replicas in sync.
   */
  Optional<String> shortfall(int brokers) {
    if (registeredBrokers != brokers) {
      return Optional.of(registeredBrokers + " of " + brokers + " brokers registered");
    }
    List<Partition> behind = partitions.stream().filter(p -> p.inSync() < p.replicas()).toList();
    if (!behind.isEmpty()) {
      Partition first = behind.get(0);
      return Optional.of(behind.size() + " partition(s) with replicas not in sync (" + first.name()
          + ": " + first.inSync() + " of " + first.replicas() + ")");
    }
    return Optional.empty();
  }

  /** An admin client for {@link #read}, through the brokers at {@code bootstrap}. */
  static Admin admin(String bootstrap) {
    return Admin.create(KafkaLauncher.adminProperties(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, REQUEST_TIMEOUT));
  }

  /** Reads the cluster's brokers and every partition through {@code admin}. */
  static KafkaReplication read(Admin admin) throws ExecutionException, TimeoutException,
      InterruptedException {
    long timeout = REQUEST_TIMEOUT.toMillis();
    int brokers = admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS).size();
    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
        .get(timeout, TimeUnit.MILLISECONDS);
    List<Partition> partitions = new ArrayList<>();
    for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
        .get(timeout, TimeUnit.MILLISECONDS).values()) {
      for (TopicPartitionInfo p : topic.partitions()) {
        partitions.add(new Partition(topic.name() + "-" + p.partition(), p.replicas().size(),
            p.isr().size()));
      }
    }
    return new KafkaReplication(brokers, partitions);
  }

  /**
   * Waits until {@code probe} shows a Kafka of {@code brokers} brokers that survives the loss of
   * any one ({@link #shortfall} empty) and returns it; past {@code timeout}, throws a
   * {@link PlatformException} naming what was not reached.
   */
  static KafkaReplication await(LossReadiness.Probe<KafkaReplication> probe, int brokers,
      Duration timeout) {
    return await(probe, brokers, timeout, POLL_INTERVAL);
  }

  static KafkaReplication await(LossReadiness.Probe<KafkaReplication> probe, int brokers,
      Duration timeout, Duration pollInterval) {
    return LossReadiness.await("the Kafka cluster of " + brokers + " brokers", "a broker",
        probe, r -> r.shortfall(brokers), timeout, pollInterval);
  }
}
