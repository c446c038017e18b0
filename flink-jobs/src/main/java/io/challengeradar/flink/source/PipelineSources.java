package io.challengeradar.flink.source;

import io.challengeradar.core.event.CodecOptions;
import io.challengeradar.flink.model.RawRecord;
import java.util.ArrayList;
import java.util.List;
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

  /** Both topics from the earliest offset not yet committed by the group. */
  public static Source<RawRecord, ?, ?> kafka(String bootstrapServers, String groupId) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must be set (HOST:PORT)");
    }
    return KafkaSource.<RawRecord>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(POSTS_TOPIC, ENGAGEMENT_TOPIC)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(
            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawRecordKafkaDeserializer())
        .build();
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
