package io.challengeradar.flink.source;

import io.challengeradar.core.event.CodecOptions;
import io.challengeradar.flink.model.RawRecord;
import io.challengeradar.flink.ops.EagerBoundedOutOfOrderness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;

/** The production sources of raw records: Kafka topics, or canonical NDJSON files for replay. */
public final class PipelineSources {
  public static final String POSTS_TOPIC = "radar.posts";
  public static final String ENGAGEMENT_TOPIC = "radar.engagement";
  public static final String DEFAULT_GROUP_ID = "radar-pipeline";

  private PipelineSources() {}

  /** Both topics from the earliest offset not yet committed by the group; runs until stopped. */
  public static Source<RawRecord, ?, ?> kafka(String bootstrapServers, String groupId) {
    return kafka(bootstrapServers, groupId, false);
  }

  /**
   * Both topics from the earliest offset not yet committed by the group.
   *
   * @param bounded stop at the offsets that are the latest when the job starts (a replay that
   *     ends), instead of running until stopped
   */
  public static Source<RawRecord, ?, ?> kafka(
      String bootstrapServers, String groupId, boolean bounded) {
    return kafka(bootstrapServers, groupId, bounded, KafkaClientProperties.NONE);
  }

  /**
   * As {@link #kafka(String, String, boolean)}, with the client settings of a secured cluster
   * ({@code security.protocol}, SASL, TLS) given to every consumer the source makes.
   */
  public static Source<RawRecord, ?, ?> kafka(String bootstrapServers, String groupId,
      boolean bounded, KafkaClientProperties client) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must be set (HOST:PORT)");
    }
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("groupId must be set");
    }
    var builder = KafkaSource.<RawRecord>builder()
        .setProperties(client.toProperties())
        .setBootstrapServers(bootstrapServers)
        .setTopics(POSTS_TOPIC, ENGAGEMENT_TOPIC)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(
            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawRecordKafkaDeserializer());
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * Watermarks for the Kafka source, made per partition inside the source from each record's
   * Kafka timestamp, which producers set to the event's time (a post's createdAt, a snapshot's
   * observedAt). Per partition matters: one reader follows several partitions at different
   * speeds, and a watermark made after they are interleaved would run ahead with the fastest
   * one and make the others' events late. A record whose timestamp is behind its partition's
   * newest does not move the watermark, nor does one more than {@code maxFutureSkew} ahead of the
   * task manager's clock (the job then dead-letters it as "future", see {@link
   * io.challengeradar.flink.ops.FutureEventFilter}).
   */
  public static WatermarkStrategy<RawRecord> kafkaWatermarks(
      Duration outOfOrderness, Duration idleTimeout, Duration maxFutureSkew) {
    return WatermarkStrategy
        .<RawRecord>forGenerator(ctx -> new EagerBoundedOutOfOrderness<>(
            outOfOrderness, maxFutureSkew, System::currentTimeMillis))
        .withTimestampAssigner((record, kafkaTimestamp) -> kafkaTimestamp)
        .withIdleness(idleTimeout);
  }

  /** One bounded file source per NDJSON file, so each record knows its file and line. */
  public static List<Source<RawRecord, ?, ?>> files(List<java.nio.file.Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("files must name at least one NDJSON file");
    }
    List<Source<RawRecord, ?, ?>> sources = new ArrayList<>();
    for (java.nio.file.Path f : files) {
      sources.add(FileSource.forRecordStreamFormat(
              new NdjsonLineFormat(f.toString(), CodecOptions.DEFAULT_MAX_LINE_BYTES),
              new Path(f.toUri()))
          .build());
    }
    return sources;
  }
}
