package io.challengeradar.app;

import io.challengeradar.config.Config;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.source.KafkaReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code radar produce}: puts a canonical event file on the job's Kafka topics, as a producer of
 * the real feed would, for a job started with {@code radar pipeline} or {@code radar submit}.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Produces a canonical NDJSON event file (radar generate, radar import) onto the job's Kafka"
          + " topics: posts to radar.posts, engagement to radar.engagement, each record keyed by"
          + " video and stamped with the event's time. The topics are created when missing.",
      "--recreate-topics deletes them first, so a job reading from the earliest offset sees this"
          + " file alone."})
public final class ProduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "Canonical NDJSON events.")
  Path in;

  @Option(names = "--kafka", paramLabel = "HOST:PORT[,HOST:PORT]",
      description = "Kafka bootstrap servers (source.kafka.bootstrap-servers);"
          + " source.kafka.properties-file applies.")
  String kafka;

  @Option(names = "--recreate-topics", description = "Delete and create both topics first.")
  boolean recreateTopics;

  @Mixin SettingsFlags settings = new SettingsFlags();

  Config config() {
    return settings.load(settings.loader("job").flag(JobConfig.KAFKA.key(), kafka, "--kafka"));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(in)) {
      spec.commandLine().getErr().println("radar produce: --in " + in + ": no such file");
      return 2;
    }
    Config config = config();
    String bootstrap = config.get(JobConfig.KAFKA);
    if (bootstrap == null || bootstrap.isBlank()) {
      spec.commandLine().getErr().println("radar produce: --kafka (source.kafka.bootstrap-servers)"
          + " is not set: name the brokers, e.g. --kafka localhost:9092");
      return 2;
    }
    KafkaReplay replay =
        new KafkaReplay(bootstrap, EventCodec.withDefaults(), JobConfig.kafkaClient(config));
    try {
      if (recreateTopics) {
        replay.recreateTopics();
      } else {
        replay.createTopicsIfMissing();
      }
      long produced;
      try (Progress progress = Progress.onStderr("produce", lines(in), "events")) {
        produced = replay.produce(in, progress);
      }
      spec.commandLine().getOut().printf("produce %s: %d records to %s (%s, %s)%n", in, produced,
          bootstrap, io.challengeradar.flink.source.PipelineSources.POSTS_TOPIC,
          io.challengeradar.flink.source.PipelineSources.ENGAGEMENT_TOPIC);
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("radar produce: " + e.getMessage());
      return 1;
    }
  }

  private static long lines(Path file) throws IOException {
    try (var s = Files.lines(file)) {
      return s.count();
    }
  }
}
