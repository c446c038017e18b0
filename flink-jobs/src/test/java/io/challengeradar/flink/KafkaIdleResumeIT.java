package io.challengeradar.flink;

import static io.challengeradar.flink.TestEvents.line;
import static io.challengeradar.flink.TestEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.WindowFields;
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
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Kafka topic that goes quiet for longer than {@code watermark.idle-timeout} and resumes, again
 * and again, with an hour boundary just after each pause: every window closes with every post of
 * its hour in it, and nothing is dead-lettered.
 *
 * <p>Once every partition is idle, the join's inputs resume one by one. Its enrichments' input
 * carried the events' watermarks without their records (an empty stream without enrichment), and
 * when it resumed first it moved the join's time to the end of the resumed batch while the batch's
 * first posts were still on their way in: the window that ends just after the pause was emitted
 * without them and they were dead-lettered as {@code window-closed}. It is a race: without the fix
 * it was lost in 5 of 8 resumptions of one run, but 2 of 3 runs under load lost nothing.
 *
 * <p>At parallelism 2 the same race ran between the keyed channels into the trend windows: the
 * two join subtasks resume at different moments, and the first one's watermark set the windows'
 * time while the other's posts were on their way. Nothing towards the trend windows announces
 * itself idle any more ({@link io.challengeradar.flink.ops.NeverIdle}).
 */
@ExtendWith(SharedElasticsearch.class)
class KafkaIdleResumeIT {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  /** Resumptions, each after an idle pause. */
  static final int CYCLES = 8;
  /** Posts per resumption, 30 s apart: 2.5 min before an hour boundary to 12 min after it. */
  static final int POSTS_PER_CYCLE = 30;
  static final int BEFORE_BOUNDARY = 5;
  static final Duration WAIT = Duration.ofSeconds(60);

  private TestKafka kafka;

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  KafkaIdleResumeIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  /** A Kafka of its own for each parallelism: each run reads its topics from the start. */
  @BeforeEach
  void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createPipelineTopics(2);
  }

  @AfterEach
  void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void postsThatResumeAfterAnIdlePauseReachTheWindowThatEndsJustAfterIt(int parallelism)
      throws Exception {
    contents.clear();
    // Cycle k's boundary is H - (CYCLES - k) hours (H the current hour): every post is past.
    Instant firstBoundary = Instant.now().truncatedTo(ChronoUnit.HOURS)
        .minus(Duration.ofHours(CYCLES));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    RadarPipeline job = JobFactory.create(JobConfig.from(ItPipelines.config(
        JobConfig.KAFKA.key(), kafka.bootstrapServers(),
        JobConfig.GROUP_ID.key(), "kafka-idle-resume-it-" + parallelism,
        "elasticsearch.hosts", es.url(),
        PipelineOptions.IDLE_TIMEOUT.key(), "1s")));
    job.configure(env);
    job.build(env);
    JobClient client = env.executeAsync("kafka-idle-resume-it-" + parallelism);
    try {
      for (int k = 0; k < CYCLES; k++) {
        Instant boundary = firstBoundary.plus(Duration.ofHours(k));
        List<ProducerRecord<byte[], byte[]>> posts = new ArrayList<>();
        for (int j = 0; j < POSTS_PER_CYCLE; j++) {
          Instant at = boundary.minusSeconds(30L * BEFORE_BOUNDARY).plusSeconds(30L * j);
          posts.add(new ProducerRecord<>(PipelineSources.POSTS_TOPIC, null, at.toEpochMilli(),
              "one-partition".getBytes(StandardCharsets.UTF_8),
              line(post("k" + k + "-" + j, "a" + (j % 7), at, null, "dance"))
                  .getBytes(StandardCharsets.UTF_8)));
        }
        produce(posts);
        contents.awaitAccountedEvents((long) POSTS_PER_CYCLE * (k + 1), WAIT);
        // Longer than the idle timeout (and its check): every partition is idle again.
        LockSupport.parkNanos(Duration.ofMillis(2500).toNanos());
      }
      // Each resumption's batch closes the window that ends just after the pause.
      awaitWindows(CYCLES);
    } finally {
      client.cancel().get(10, TimeUnit.SECONDS);
    }

    assertThat(contents.documents(Index.DEADLETTER.indexName()).values())
        .extracting(d -> d.get("detail").asText())
        .as("dead letters")
        .isEmpty();
    Map<Instant, Long> postsByWindow = new TreeMap<>();
    contents.documents(Index.HASHTAG_WINDOWS.indexName()).values().forEach(w -> postsByWindow.put(
        Instant.parse(w.get(WindowFields.WINDOW_START).asText()),
        w.get(WindowFields.NEW_POSTS).asLong()));
    Map<Instant, Long> expected = new TreeMap<>();
    expected.put(firstBoundary.minus(Duration.ofHours(1)), (long) BEFORE_BOUNDARY);
    for (int k = 1; k < CYCLES; k++) {
      expected.put(firstBoundary.plus(Duration.ofHours(k - 1)), (long) POSTS_PER_CYCLE);
    }
    assertThat(postsByWindow).as("posts in each closed window").isEqualTo(expected);
  }

  private void awaitWindows(int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (contents.documents(Index.HASHTAG_WINDOWS.indexName()).size() < count
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  /** One partition's posts, each record stamped with its post's time (the producers' contract). */
  private void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p,
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) {
        sent.add(producer.send(r));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    }
  }
}
