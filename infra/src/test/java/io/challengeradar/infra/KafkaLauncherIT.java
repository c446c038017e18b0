package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaLauncherIT {
  private static final String TOPIC = "radar-launcher-it";
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void producesAndConsumesARecordThenStopsCleanly() throws Exception {
    int port = Ports.preferredOrAnyFree(19092);
    KafkaOptions options = KafkaOptions.defaults(SharedElasticsearch.testHome())
        .withPort(port)
        .withBaseDir(SharedElasticsearch.testHome().resolve("it").resolve("kafka-" + port));
    PrintStream notices =
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ProcessHandle broker;
    String key = "k-" + System.nanoTime();

    try (KafkaLauncher kafka = new KafkaLauncher(options, notices).start()) {
      broker = kafka.process().handle();
      assertThat(KafkaLauncher.reachable(kafka.bootstrap(), Duration.ofSeconds(5))).isTrue();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
        producer.send(new ProducerRecord<>(TOPIC, key, "{\"type\":\"post\"}")).get();
      }
      assertThat(consumeUntil(kafka, key)).extracting(ConsumerRecord::value)
          .contains("{\"type\":\"post\"}");
    }

    assertThat(broker.isAlive()).isFalse();
    assertThat(Ports.isFree(port)).isTrue();
    assertThat(options.stateFile()).doesNotExist();
  }

  private static List<ConsumerRecord<String, String>> consumeUntil(KafkaLauncher kafka, String key) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "launcher-it-" + key);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(TOPIC));
      while (seen.stream().noneMatch(r -> key.equals(r.key())) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
      }
    }
    return seen;
  }

  private static Properties producerProps(KafkaLauncher kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return props;
  }
}
