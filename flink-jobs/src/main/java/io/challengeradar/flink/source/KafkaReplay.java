package io.challengeradar.flink.source;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces an NDJSON file onto the pipeline's topics as a live feed would: posts to {@code
 * radar.posts}, snapshots to {@code radar.engagement}, keyed by video, bytes untouched. A line
 * the codec refuses still goes out (to the posts topic), so the pipeline dead-letters it with its
 * topic, partition and offset; every line is produced exactly once or the replay fails.
 */
public final class KafkaReplay {
  /**
   * One partition per topic: with the demo's parallelism each reader then follows one topic in
   * event-time order, and the join meets the two streams at the slower one's watermark.
   */
  public static final int PARTITIONS = 1;

  private static final long TIMEOUT_SECONDS = 60;

  private final String bootstrap;
  private final EventCodec codec;
  private final KafkaClientProperties client;

  public KafkaReplay(String bootstrap, EventCodec codec) {
    this(bootstrap, codec, KafkaClientProperties.NONE);
  }

  /** A replay onto a secured cluster: {@code client} goes to the admin client and producer. */
  public KafkaReplay(String bootstrap, EventCodec codec, KafkaClientProperties client) {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("bootstrap must be set (HOST:PORT)");
    }
    this.bootstrap = bootstrap;
    this.codec = codec;
    this.client = java.util.Objects.requireNonNull(client, "client");
  }

  /** Deletes and creates both topics, so a replay reads this run's events alone. */
  public void recreateTopics() throws IOException, InterruptedException {
    List<String> topics = List.of(PipelineSources.POSTS_TOPIC, PipelineSources.ENGAGEMENT_TOPIC);
    Properties p = client.toProperties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      try {
        admin.deleteTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IOException("deleting topics " + topics + " failed: " + e.getCause(), e);
        }
      }
      // Deletion completes asynchronously on the broker; creating retries until it has.
      create(admin, topics, true);
    } catch (TimeoutException e) {
      throw new IOException("deleting topics " + topics + " timed out", e);
    }
  }

  /** Creates both topics where they do not exist yet, and leaves existing ones as they are. */
  public void createTopicsIfMissing() throws IOException, InterruptedException {
    List<String> topics = List.of(PipelineSources.POSTS_TOPIC, PipelineSources.ENGAGEMENT_TOPIC);
    Properties p = client.toProperties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      java.util.Set<String> existing;
      try {
        existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("listing topics at " + bootstrap + " failed: " + e, e);
      }
      List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
      if (!missing.isEmpty()) {
        create(admin, missing, false);
      }
    }
  }

  /**
   * Creates {@code topics}; with {@code whileDeleting}, a topic that still exists (its deletion
   * not yet complete on the broker) is retried until the deadline.
   */
  private static void create(Admin admin, List<String> topics, boolean whileDeleting)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        admin.createTopics(topics.stream()
                // Records carry their event time, years old in a replay: time-based retention
                // would delete them as soon as they are written. Replicas: the broker's default
                // (one on one broker, three on three).
                .map(t -> new NewTopic(t, java.util.Optional.of(PARTITIONS),
                        java.util.Optional.empty())
                    .configs(java.util.Map.of("retention.ms", "-1")))
                .toList())
            .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        boolean stillDeleting = whileDeleting && e.getCause() instanceof
            org.apache.kafka.common.errors.TopicExistsException;
        if (!stillDeleting || System.nanoTime() > deadline) {
          throw new IOException("creating topics " + topics + " failed: " + e.getCause(), e);
        }
        TimeUnit.MILLISECONDS.sleep(200); // polled with the deadline above
      } catch (TimeoutException e) {
        throw new IOException("creating topics " + topics + " timed out", e);
      }
    }
  }

  /** Produces every line of {@code events}; returns the number of records produced. */
  public long produce(Path events, Progress progress) throws IOException, InterruptedException {
    Properties p = client.toProperties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
    long produced = 0;
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        InputStream in = Files.newInputStream(events);
        // A line over the codec's limit goes out as its first bytes (which the codec refuses):
        // the broker would refuse the whole line, and the replay must not stop on it.
        NdjsonReader reader = new NdjsonReader(in, codec.options().maxLineBytes())) {
      java.util.concurrent.atomic.AtomicReference<Exception> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      NdjsonReader.Line line;
      long eventTime = 0;
      while ((line = reader.next()) != null) {
        byte[] value = line.bytes();
        String topic = PipelineSources.POSTS_TOPIC;
        byte[] key = null;
        try {
          Event e = codec.decode(value);
          eventTime = e.eventTime().toEpochMilli();
          topic = e instanceof EngagementSnapshot ? PipelineSources.ENGAGEMENT_TOPIC
              : PipelineSources.POSTS_TOPIC;
          key = e.videoId().getBytes(StandardCharsets.UTF_8);
        } catch (InvalidEventException refused) {
          // Sent as it is: the pipeline refuses it again and dead-letters it with its offset.
        }
        // The record's timestamp is the event's time: the pipeline's Kafka watermarks are made
        // from it. A refused line takes the previous event's, so it moves no watermark.
        producer.send(new ProducerRecord<>(topic, null, eventTime, key, value), (meta, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
        produced++;
        progress.advance(1);
      }
      producer.flush();
      if (failure.get() != null) {
        throw new IOException("producing to Kafka failed: " + failure.get(), failure.get());
      }
    }
    return produced;
  }
}
