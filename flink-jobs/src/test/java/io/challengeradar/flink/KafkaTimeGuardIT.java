package io.challengeradar.flink;

import static io.challengeradar.flink.TestEvents.line;
import static io.challengeradar.flink.TestEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The time guard on the production Kafka path ({@link JobFactory}: watermarks made in the source
 * from record timestamps): a record stamped 20 hours ahead of the clock, and a post whose own time
 * is, among posts of the last two hours. Every post is in one partition, so without the guard the
 * record ahead would move the only watermark that counts and the posts after it would be late.
 */
@ExtendWith(SharedElasticsearch.class)
class KafkaTimeGuardIT {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  static final int POSTS = 200;

  private static TestKafka kafka;

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  KafkaTimeGuardIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createPipelineTopics(2);
    // Kafka 4 brokers refuse records stamped more than an hour ahead unless the topic allows it,
    // as older brokers and topics that raise the limit do.
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin.incrementalAlterConfigs(Map.of(
              new ConfigResource(ConfigResource.Type.TOPIC, PipelineSources.POSTS_TOPIC),
              List.of(new AlterConfigOp(new ConfigEntry("message.timestamp.after.max.ms",
                  Long.toString(Long.MAX_VALUE)), AlterConfigOp.OpType.SET))))
          .all().get();
    }
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void recordsAndEventsFarAheadOfTheClockAreDeadLetteredAndMakeNothingLate() throws Exception {
    contents.clear();
    Instant now = Instant.now();
    // Posts of the last two hours: an hour boundary usually falls in the second half, so a
    // window closes while the stream resumes after the pause (KafkaIdleResumeIT makes sure of it).
    Instant base = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
    Instant ahead = now.plus(Duration.ofHours(20));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // One subtask per operator: what follows the pause at parallelism 2 (channels resuming from
    // idle one by one) is KafkaIdleResumeIT's subject; this test is about the time guard.
    env.setParallelism(1);
    RadarPipeline job = JobFactory.create(JobConfig.from(ItPipelines.config(
        JobConfig.KAFKA.key(), kafka.bootstrapServers(),
        JobConfig.GROUP_ID.key(), "kafka-time-guard-it",
        "elasticsearch.hosts", es.url(),
        // The empty partitions stop holding the watermark back soon, so the one with the posts
        // decides it, as a busy topic's partitions would.
        PipelineOptions.IDLE_TIMEOUT.key(), "1s")));
    job.configure(env);
    job.build(env);
    JobClient client = env.executeAsync("kafka-time-guard-it");
    try {
      // The first half holds a record stamped 20 h ahead and a post whose own time is.
      produce(posts(0, POSTS / 2, base, ahead));
      contents.awaitAccountedEvents(POSTS / 2, WAIT);
      // Long enough for the empty partitions to be idle: from here on the posts' partition alone
      // makes the watermark, so had the record ahead moved it, every later post would be late.
      LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
      produce(posts(POSTS / 2, POSTS, base, ahead));
      contents.awaitAccountedEvents(POSTS, WAIT);
    } finally {
      client.cancel().get(10, TimeUnit.SECONDS);
    }

    Map<String, ObjectNode> videos = contents.documents(Index.VIDEOS.indexName());
    Map<String, ObjectNode> deadLetters = contents.documents(Index.DEADLETTER.indexName());
    assertThat(deadLetters.values()).allSatisfy(d -> {
      assertThat(d.get("stage").asText()).isEqualTo(DeadLetter.STAGE_WATERMARK);
      assertThat(d.get("reason").asText()).as("none late").isEqualTo(DeadLetter.REASON_FUTURE);
      assertThat(d.at("/origin/kind").asText()).isEqualTo(Origin.KAFKA);
    }).hasSize(2);
    assertThat(videos).hasSize(POSTS - 2)
        .doesNotContainKeys("k" + RECORD_AHEAD, "k" + EVENT_AHEAD);
    assertThat(deadLetters.values()).extracting(d -> d.get("detail").asText())
        .anySatisfy(detail -> assertThat(detail).startsWith(
            "record timestamp " + Instant.ofEpochMilli(ahead.toEpochMilli())))
        .anySatisfy(detail -> assertThat(detail).startsWith("event time " + ahead));
  }

  static final int RECORD_AHEAD = POSTS / 4;
  static final int EVENT_AHEAD = POSTS / 3;
  static final Duration WAIT = Duration.ofSeconds(60);

  /** Posts {@code from} to {@code to} (exclusive), 30 s apart from {@code base}, one key. */
  private static List<ProducerRecord<byte[], byte[]>> posts(int from, int to, Instant base,
      Instant ahead) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Instant at = base.plusSeconds(30L * i);
      Instant postedAt = i == EVENT_AHEAD ? ahead : at;
      // The producers' contract: the record timestamp is the event's time; one breaks it.
      long timestamp = i == RECORD_AHEAD ? ahead.toEpochMilli() : at.toEpochMilli();
      records.add(new ProducerRecord<>(PipelineSources.POSTS_TOPIC, null, timestamp,
          "one-partition".getBytes(StandardCharsets.UTF_8),
          line(post("k" + i, "a" + (i % 20), postedAt, null, "dance")).getBytes(
              StandardCharsets.UTF_8)));
    }
    return records;
  }

  private static void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p,
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) {
        sent.add(producer.send(r));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(); // a refused record fails here, not silently
      }
    }
  }
}
