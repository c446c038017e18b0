package io.challengeradar.flink;

import io.challengeradar.flink.model.RawRecord;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.flink.source.RawRecordKafkaDeserializer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-process KRaft broker (combined broker and controller) for a test class, with its files
 * under {@code target/}; {@link #close()} stops it and deletes them.
 */
public final class TestKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private TestKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static TestKafka start() throws Exception {
    Path base = Files.createDirectories(Path.of("target", "kafka-it"))
        .toAbsolutePath();
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .setBaseDirectory(Files.createTempDirectory(base, "broker-"))
        .build();
    // One broker: internal topics cannot have the default three replicas.
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      new TestKafka(cluster).close();
      throw e;
    }
    return new TestKafka(cluster);
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Creates the pipeline's two topics with {@code partitions} partitions each, time-based
   * retention off as {@code KafkaReplay} makes them: records stamped with old event times would
   * otherwise be deleted by the broker soon after they arrive.
   */
  public void createPipelineTopics(int partitions) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(
              new NewTopic(PipelineSources.POSTS_TOPIC, partitions, (short) 1)
                  .configs(java.util.Map.of("retention.ms", "-1")),
              new NewTopic(PipelineSources.ENGAGEMENT_TOPIC, partitions, (short) 1)
                  .configs(java.util.Map.of("retention.ms", "-1"))))
          .all().get();
    }
  }

  /**
   * Sends {@code lines} to {@code topic} in order, keyed by {@code keys} (null: no key), and
   * returns where each one landed.
   */
  public List<RecordMetadata> produce(String topic, List<String> lines, List<String> keys)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    List<Future<RecordMetadata>> sent = new ArrayList<>(lines.size());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p,
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < lines.size(); i++) {
        String key = keys == null ? null : keys.get(i);
        sent.add(producer.send(new ProducerRecord<>(topic,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            lines.get(i).getBytes(StandardCharsets.UTF_8))));
      }
      producer.flush();
      List<RecordMetadata> where = new ArrayList<>(sent.size());
      for (Future<RecordMetadata> f : sent) {
        where.add(f.get());
      }
      return where;
    }
  }

  /**
   * Both pipeline topics from the earliest offset, read the way production reads them (same
   * topics and deserializer); bounded ones stop at the latest offsets seen when the job starts, so
   * a test job finishes on its own.
   */
  public Source<RawRecord, ?, ?> source(String groupId, boolean bounded) {
    KafkaSourceBuilder<RawRecord> b = KafkaSource.<RawRecord>builder()
        .setBootstrapServers(bootstrapServers())
        .setTopics(PipelineSources.POSTS_TOPIC, PipelineSources.ENGAGEMENT_TOPIC)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new RawRecordKafkaDeserializer());
    if (bounded) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  @Override
  public void close() throws IOException {
    try {
      cluster.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the broker");
    } catch (Exception e) {
      throw new IOException("cannot stop the broker", e);
    }
  }
}
