package io.challengeradar.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.ConfigException;
import io.challengeradar.flink.JobConfig;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
  static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
      + " username=\"radar\" password=\"s3cret\";";

  @TempDir Path dir;

  private Path clientFile() throws Exception {
    Properties p = new Properties();
    p.setProperty("security.protocol", "SASL_SSL");
    p.setProperty("sasl.mechanism", "SCRAM-SHA-512");
    p.setProperty("sasl.jaas.config", JAAS);
    p.setProperty("ssl.truststore.location", "/etc/kafka/truststore.p12");
    Path file = dir.resolve("kafka-client.properties");
    try (var w = Files.newBufferedWriter(file)) {
      p.store(w, null);
    }
    return file;
  }

  @Test
  void theFilesPropertiesReachTheSourcesConsumerConfig() throws Exception {
    JobConfig job = JobConfig.from(JobConfig.loader().environment(Map.of(
        "RADAR_SOURCE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093",
        "RADAR_SOURCE_KAFKA_PROPERTIES_FILE", clientFile().toString())).load());

    JobConfig.SourceOptions o = job.source();
    // As JobFactory builds the job's source from the settings.
    KafkaSource<?> source = (KafkaSource<?>) PipelineSources.kafka(o.kafkaBootstrap(),
        o.groupId(), o.bounded(), o.kafkaClient());

    Properties consumer = consumerProperties(source);
    assertThat(consumer).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
        .containsEntry("bootstrap.servers", "kafka-1:9093")
        .containsEntry("group.id", PipelineSources.DEFAULT_GROUP_ID);
    assertThat(job.toString()).doesNotContain("s3cret").contains("sasl.jaas.config");
  }

  @Test
  void withoutAFileTheSourceIsPlain() {
    JobConfig job = JobConfig.from(JobConfig.loader().environment(Map.of(
        "RADAR_SOURCE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092")).load());
    assertThat(job.source().kafkaClient()).isEqualTo(KafkaClientProperties.NONE);
  }

  @Test
  void theFileMayNotSetWhatTheJobsOptionsSet() throws Exception {
    Path file = Files.writeString(dir.resolve("k.properties"), "bootstrap.servers=elsewhere:9092\n");
    assertThatThrownBy(() -> KafkaClientProperties.load(file, "source.kafka.properties-file"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("source.kafka.bootstrap-servers");
  }

  /** The connector keeps them private; they are what every split reader's consumer is built from. */
  private static Properties consumerProperties(KafkaSource<?> source) throws Exception {
    Field f = KafkaSource.class.getDeclaredField("props");
    f.setAccessible(true);
    return (Properties) f.get(source);
  }
}
