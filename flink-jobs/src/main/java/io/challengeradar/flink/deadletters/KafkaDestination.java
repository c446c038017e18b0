package io.challengeradar.flink.deadletters;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.flink.deadletters.DeadLetterReplay.Letter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.source.KafkaClientProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-submits dead letters that came from Kafka to the topic they came from, as {@code
 * KafkaReplay} produces: keyed by video (when the payload decodes), stamped with the event's time
 * (else now), bytes untouched.
 */
public final class KafkaDestination implements DeadLetterReplay.Destination {
  private final KafkaProducer<byte[], byte[]> producer;
  private final EventCodec codec = EventCodec.withDefaults();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public KafkaDestination(String bootstrap, KafkaClientProperties client) {
    Properties p = client.toProperties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public boolean takes(Origin origin) {
    return Origin.KAFKA.equals(origin.kind());
  }

  @Override
  public void send(Letter letter) {
    byte[] value = letter.raw().getBytes(StandardCharsets.UTF_8);
    byte[] key = null;
    try {
      Event e = codec.decode(value);
      key = e.videoId().getBytes(StandardCharsets.UTF_8);
    } catch (InvalidEventException refused) {
      // Sent unkeyed: the job refuses it again unless the fix was in the job.
    }
    long timestamp = letter.eventTime() != null ? letter.eventTime().toEpochMilli()
        : System.currentTimeMillis();
    producer.send(new ProducerRecord<>(letter.origin().name(), null, timestamp, key, value),
        (meta, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
  }

  @Override
  public void flush() throws IOException {
    producer.flush();
    if (failure.get() != null) {
      throw new IOException("producing to Kafka failed: " + failure.get(), failure.get());
    }
  }

  @Override
  public String name(Letter letter) {
    return "kafka:" + letter.origin().name();
  }

  @Override
  public void close() {
    producer.close();
  }
}
