package io.challengeradar.flink;

import static io.challengeradar.flink.KafkaToElasticsearch.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.contract.Index;
import io.challengeradar.core.event.Event;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.KafkaCluster;
import io.challengeradar.infra.KafkaLauncher;
import io.challengeradar.infra.KafkaOptions;
import io.challengeradar.infra.ServerProcess;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A three-broker KRaft Kafka (three processes; topics with three replicas and
 * {@code min.insync.replicas} 2) loses the leader of the job's partition to SIGKILL mid-stream,
 * takes more records with two brokers, and gets the broker back: the topic holds each record
 * once, the job reads on without restarting, and Elasticsearch ends with the documents and
 * versions of an uninterrupted run. The job runs on a MiniCluster in this JVM and writes the
 * shared test Elasticsearch. The brokers run beside three controller processes; stopping the
 * cluster afterwards (the second test, so no further cluster is started for it) shows that
 * every broker, the restarted one included, and every controller exits on SIGTERM within the
 * stop timeout, none killed.
 */
@ExtendWith(SharedElasticsearch.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerLossIT {
  private static final int BROKERS = 3;
  private static final TopicPartition POSTS = new TopicPartition(PipelineSources.POSTS_TOPIC, 0);

  @RegisterExtension
  static final MiniClusterExtension FLINK = KafkaToElasticsearch.miniCluster();

  private static Path work;
  private static KafkaCluster kafka;

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  KafkaBrokerLossIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @BeforeAll
  static void startBrokers() throws Exception {
    work = Files.createTempDirectory(
        Files.createDirectories(Path.of("target", "kafka-broker-loss-it")).toAbsolutePath(),
        "run-");
    int firstPort = Ports.freeRange(2 * BROKERS, offset -> true);
    KafkaOptions broker = KafkaOptions.defaults(work).withPort(firstPort).withHeapMb(256);
    kafka = KafkaCluster.start(broker, BROKERS, work.resolve(KafkaCluster.DIR_NAME),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  @AfterAll
  static void stopBrokers() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void leaderKilledAndRestartedLosesNothingAndDoublesNothing(
      @InjectMiniCluster MiniCluster flink) throws Exception {
    List<Event> all = ChallengeScenario.events();
    int third = all.size() / 3;
    try (Admin admin = admin()) {
      createPipelineTopics(admin);
      TopicDescription posts = admin.describeTopics(List.of(POSTS.topic()))
          .allTopicNames().get().get(POSTS.topic());
      assertThat(posts.partitions().get(0).replicas()).hasSize(3);
      assertThat(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
              POSTS.topic()))).all().get().values().iterator().next()
          .get("min.insync.replicas").value()).isEqualTo("2");
      contents.clear();

      long accounted = KafkaToElasticsearch.produce(kafka.bootstrap(), all.subList(0, third));
      JobClient job = KafkaToElasticsearch.start(kafka.bootstrap(), List.of(es.url()),
          "kafka-broker-loss-it", work);
      contents.awaitAccountedEvents(accounted, WAIT);

      int leader = leader(admin).leader().id();
      ServerProcess victim = kafka.broker(leader).process();
      victim.kill();
      accounted += KafkaToElasticsearch.produce(kafka.bootstrap(),
          all.subList(third, 2 * third));
      contents.awaitAccountedEvents(accounted, WAIT);
      assertThat(leader(admin).leader().id()).isNotEqualTo(leader);

      kafka.restart(leader);
      KafkaToElasticsearch.await("broker " + leader + " back in sync",
          () -> leaderQuietly(admin).isr().size() == BROKERS);
      long total = accounted + KafkaToElasticsearch.produce(kafka.bootstrap(),
          all.subList(2 * third, all.size()));
      contents.awaitAccountedEvents(total, WAIT);
      KafkaToElasticsearch.drain(job, work);
      long restarts = KafkaToElasticsearch.restarts(flink, job);
      Map<String, Map<String, JsonNode>> survived = contents.comparable();
      Map<String, Long> survivedVersions = contents.versions(Index.VIDEOS.indexName());
      long endOffset = admin.listOffsets(Map.of(POSTS, OffsetSpec.latest())).all()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS).get(POSTS).offset();

      contents.clear();
      JobClient reference = KafkaToElasticsearch.start(kafka.bootstrap(), List.of(es.url()),
          "kafka-broker-loss-reference-it", work);
      contents.awaitAccountedEvents(total, WAIT);
      KafkaToElasticsearch.drain(reference, work);

      assertThat(endOffset).as("records in radar.posts").isEqualTo(total);
      assertThat(restarts).as("restarts of the job that lost a broker").isZero();
      assertThat(survived.get(Index.VIDEOS.indexName())).hasSize(ChallengeScenario.VIDEOS);
      assertThat(EsContents.differences(survived, contents.comparable())).isEmpty();
      assertThat(survivedVersions).isEqualTo(contents.versions(Index.VIDEOS.indexName()));
    }
  }

  @Test
  @Order(2)
  void stopsTheBrokersThenTheControllersEachOnItsOwnWithinTheStopTimeout() {
    List<KafkaLauncher> brokers = kafka.brokers();
    List<KafkaLauncher> controllers = kafka.controllers();
    assertThat(controllers).as("controller processes beside %d brokers", BROKERS).hasSize(3);
    assertThat(brokers).allSatisfy(b -> assertThat(b.process().isAlive()).isTrue());
    Duration stopTimeout = brokers.get(0).options().stopTimeout();

    long began = System.nanoTime();
    kafka.close();
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    List<KafkaLauncher> all = new ArrayList<>(brokers);
    all.addAll(controllers);
    assertThat(all).allSatisfy(node -> {
      assertThat(node.process().stopOutcome()).as(node.process().name())
          .contains(ServerProcess.StopOutcome.STOPPED);
      assertThat(node.options().stateFile()).doesNotExist();
    });
    // Brokers, then controllers, each group within one stop timeout.
    assertThat(took).isLessThan(stopTimeout.multipliedBy(2));
  }

  private static Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    return Admin.create(p);
  }

  /**
   * Both topics as KafkaReplay makes them: replicas the brokers' default, no time retention.
   * Returns once every broker knows them: the controllers commit a new topic before the brokers
   * have its metadata, and a broker asked in between says it hosts no such topic.
   */
  private static void createPipelineTopics(Admin admin) throws Exception {
    List<String> topics = List.of(PipelineSources.POSTS_TOPIC, PipelineSources.ENGAGEMENT_TOPIC);
    admin.createTopics(topics.stream().map(t -> new NewTopic(t, Optional.of(1), Optional.empty())
        .configs(Map.of("retention.ms", "-1"))).toList()).all().get();
    KafkaToElasticsearch.await("the new topics known with their replicas", () -> {
      try {
        return admin.describeTopics(topics).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS)
            .values().stream().allMatch(d -> d.partitions().stream()
                .allMatch(p -> p.replicas().size() == BROKERS));
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          return false;
        }
        throw new IllegalStateException(e);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static TopicPartitionInfo leader(Admin admin) throws Exception {
    return admin.describeTopics(List.of(POSTS.topic())).allTopicNames()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS).get(POSTS.topic()).partitions().get(0);
  }

  private static TopicPartitionInfo leaderQuietly(Admin admin) {
    try {
      return leader(admin);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
