package io.challengeradar.flink.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.TestKafka;
import io.challengeradar.flink.es.Documents;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.source.KafkaClientProperties;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code radar deadletters replay}'s service against the real Elasticsearch and a real broker. */
@ExtendWith(SharedElasticsearch.class)
class DeadLetterReplayIT {
  static final Instant BEFORE = Instant.parse("2026-03-01T09:00:00Z");
  static final Instant REFUSED = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant POSTED = Instant.parse("2026-03-01T09:59:00Z");
  static final Instant LATER = Instant.parse("2026-03-02T10:00:00Z");

  private static TestKafka kafka;

  private final ElasticsearchClient es;

  DeadLetterReplayIT(ElasticsearchTestServer server) {
    this.es = server.client();
    new EsContents(es).clear();
  }

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createPipelineTopics(1);
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  @Test
  void resubmitsLateRecordsOnceToTheirTopicAndFileAndSaysWhatItSkipped(@TempDir Path dir)
      throws Exception {
    String post = EventCodec.withDefaults().encode(new Post("v7", "a1", POSTED, "hi #dance",
        List.of("dance"), null, 15, 100L, null, null, null, null));
    store(late(post, Origin.kafka(PipelineSources.POSTS_TOPIC, 0, 17), REFUSED));
    store(late("{\"line\":3}", Origin.file("events.ndjson", 3), REFUSED));
    store(late("{\"old\":true}", Origin.kafka(PipelineSources.POSTS_TOPIC, 0, 2), BEFORE));
    store(late("x".repeat(DeadLetter.MAX_RAW_CHARS + 1), Origin.kafka(
        PipelineSources.POSTS_TOPIC, 0, 18), REFUSED));
    store(new DeadLetter("{}", DeadLetter.STAGE_PARSE, DeadLetter.REASON_INVALID, "$", "bad",
        Origin.kafka(PipelineSources.POSTS_TOPIC, 0, 19), null, REFUSED));
    Path out = dir.resolve("replayed.ndjson");
    DeadLetterReplay replay = new DeadLetterReplay(es);

    DeadLetterReplay.Summary dry = run(replay, out, true);
    DeadLetterReplay.Summary first = run(replay, out, false);
    DeadLetterReplay.Summary second = run(replay, out, false);

    assertThat(dry.resubmitted()).isEqualTo(2);
    assertThat(first.found()).isEqualTo(3);
    assertThat(first.to()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "kafka:" + PipelineSources.POSTS_TOPIC, 1L, "file:" + out, 1L));
    assertThat(first.skipped()).containsExactly(Map.entry(DeadLetterReplay.Skip.PAYLOAD_CUT, 1L));
    assertThat(second.resubmitted()).isZero();
    assertThat(second.skipped()).containsEntry(DeadLetterReplay.Skip.ALREADY_REPLAYED, 2L);

    List<ConsumerRecord<byte[], byte[]>> records = postsTopic();
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(post);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("v7");
      assertThat(r.timestamp()).isEqualTo(POSTED.toEpochMilli());
    });
    assertThat(Files.readAllLines(out)).containsExactly("{\"line\":3}");
    Map<String, ObjectNode> letters = new EsContents(es).documents(Index.DEADLETTER.indexName());
    assertThat(letters.values()).filteredOn(d -> d.has("replayedAt"))
        .extracting(d -> d.get("replayedTo").asText())
        .containsExactlyInAnyOrder("kafka:" + PipelineSources.POSTS_TOPIC, "file:" + out);
    // Dry runs send and mark nothing; the dead letters themselves stay, as a record.
    assertThat(letters).hasSize(5);
  }

  private DeadLetterReplay.Summary run(DeadLetterReplay replay, Path out, boolean dryRun)
      throws Exception {
    try (KafkaDestination toKafka = new KafkaDestination(kafka.bootstrapServers(),
            KafkaClientProperties.NONE);
        FileDestination toFile = new FileDestination(out)) {
      return replay.run(DeadLetter.REASON_LATE, REFUSED, LATER, List.of(toKafka, toFile),
          dryRun);
    }
  }

  private static DeadLetter late(String raw, Origin origin, Instant at) {
    return new DeadLetter(raw, DeadLetter.STAGE_WATERMARK, DeadLetter.REASON_LATE, null,
        "late", origin, raw.contains("\"post\"") ? POSTED : null, at);
  }

  private void store(DeadLetter letter) throws Exception {
    byte[] json = Documents.deadLetter(letter).source();
    es.index(i -> i.index(Index.DEADLETTER.indexName()).id(letter.id())
        .withJson(new ByteArrayInputStream(json)).refresh(Refresh.True));
  }

  private static List<ConsumerRecord<byte[], byte[]>> postsTopic() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(PipelineSources.POSTS_TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }
}
