package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.cluster.FlinkRestClient;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.core.event.Event;
import io.challengeradar.flink.source.PipelineSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The production job (built by {@link JobFactory} from settings, as the job jar builds it) on the
 * test's MiniCluster, reading Kafka and writing Elasticsearch: what the node-loss ITs share. The
 * job is the subject's client here, not the subject: an Elasticsearch node or a Kafka broker is.
 */
final class KafkaToElasticsearch {
  static final Duration WAIT = Duration.ofSeconds(120);

  private KafkaToElasticsearch() {}

  /** The MiniCluster the job runs on: one TaskManager with a slot for each of its 2 subtasks. */
  static MiniClusterExtension miniCluster() {
    return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1)
        .setNumberSlotsPerTaskManager(2)
        .build());
  }

  /** Starts the job on {@code bootstrap}'s pipeline topics from the earliest offset. */
  static JobClient start(String bootstrap, List<String> esHosts, String groupId, Path work)
      throws Exception {
    JobConfig config = JobConfig.from(ItPipelines.config(
        JobConfig.KAFKA.key(), bootstrap,
        JobConfig.GROUP_ID.key(), groupId,
        CommonOptions.ELASTICSEARCH_HOSTS.key(), String.join(",", esHosts),
        JobConfig.CHECKPOINTS.key(), work.resolve("checkpoints").toUri().toString(),
        PipelineOptions.CHECKPOINT_INTERVAL.key(), "1s",
        // radar.engagement stays empty and holds the watermark back until the drain, so every
        // window and alert comes out then, whatever the timing (as in FlinkClusterIT).
        PipelineOptions.IDLE_TIMEOUT.key(), "1h"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    RadarPipeline job = JobFactory.create(config);
    job.configure(env);
    job.build(env);
    return env.executeAsync(groupId);
  }

  /**
   * Stops with a savepoint that first advances to the end of event time; waits for the end. A
   * job whose every task is not running yet (the video path can account for every event while
   * the detector's tasks still initialise their state) refuses the savepoint; it is asked again
   * until {@link #WAIT} has passed.
   */
  static void drain(JobClient job, Path work) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        job.stopWithSavepoint(true, work.resolve("savepoints").toUri().toString(),
            SavepointFormatType.CANONICAL).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        if (!notAllTasksRunning(e) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
    job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static boolean notAllTasksRunning(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.flink.runtime.checkpoint.CheckpointException c
          && c.getCheckpointFailureReason() == org.apache.flink.runtime.checkpoint
              .CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING) {
        return true;
      }
    }
    return false;
  }

  /** How often the job restarted (Flink's {@code numRestarts}, through the REST API). */
  static long restarts(MiniCluster cluster, JobClient job) throws Exception {
    String url = cluster.getRestAddress().get(WAIT.toSeconds(), TimeUnit.SECONDS).toString();
    return new FlinkRestClient(url).restarts(job.getJobID().toHexString());
  }

  /**
   * Sends the events to the single partition of {@code radar.posts} in event-time order, each
   * record's timestamp its event time, with an idempotent acks=all producer (a broker lost
   * mid-send makes it retry, never write twice); returns how many were sent.
   */
  static long produce(String bootstrap, List<Event> events) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p,
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Event e : events) {
        producer.send(new ProducerRecord<>(PipelineSources.POSTS_TOPIC, 0,
            e.eventTime().toEpochMilli(), null,
            TestEvents.line(e).getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    return events.size();
  }

  /** Fails unless {@code condition} holds within {@link #WAIT}. */
  static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(200);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
