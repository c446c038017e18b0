package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.KafkaLauncher;
import io.challengeradar.infra.KafkaOptions;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code radar produce} against a real broker: a generated file lands on the job's topics. */
class ProduceCommandIT {
  @TempDir Path dir;

  @Test
  void putsEveryEventOnItsTopicAndCreatesTheTopicsWhenMissing() throws Exception {
    Path events = dir.resolve("events.ndjson");
    assertThat(Radar.commandLine().execute("generate", "--seed", "3", "--posts", "200",
        "--out", events.toString())).isZero();
    List<String> lines = Files.readAllLines(events);
    long posts = lines.stream().filter(l -> l.contains("\"type\":\"post\"")).count();

    KafkaOptions defaults = KafkaOptions.defaults(SharedElasticsearch.testHome());
    KafkaOptions options = new KafkaOptions(Ports.anyFree(), Ports.anyFree(),
        dir.resolve("kafka"), defaults.heapMb(), defaults.startupTimeout(),
        defaults.stopTimeout(), defaults.classPath(), true);
    try (KafkaLauncher kafka = new KafkaLauncher(options,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start()) {
      StringWriter out = new StringWriter();
      CommandLine cli = Radar.commandLine();
      cli.setOut(new PrintWriter(out));
      int code = cli.execute("produce", "--in", events.toString(),
          "--kafka", kafka.bootstrap());

      assertThat(code).isZero();
      assertThat(out.toString()).contains(lines.size() + " records");
      assertThat(endOffset(kafka, PipelineSources.POSTS_TOPIC)).isEqualTo(posts);
      assertThat(endOffset(kafka, PipelineSources.ENGAGEMENT_TOPIC))
          .isEqualTo(lines.size() - posts);
    }
  }

  @Test
  void aMissingFileIsRefusedWithTheFlagNamed() {
    StringWriter err = new StringWriter();
    CommandLine cli = Radar.commandLine();
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("produce", "--in", dir.resolve("none.ndjson").toString(),
        "--kafka", "localhost:1")).isEqualTo(2);
    assertThat(err.toString()).contains("--in").contains("no such file");
  }

  private static long endOffset(KafkaLauncher kafka, String topic) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    try (Admin admin = Admin.create(p)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
    }
  }
}
