package io.challengeradar.app;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.client.ElasticsearchAccessException;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.deadletters.DeadLetterReplay;
import io.challengeradar.flink.deadletters.FileDestination;
import io.challengeradar.flink.deadletters.KafkaDestination;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar deadletters}: what the pipeline refused, sent back once the cause is fixed. */
@Command(
    name = "deadletters",
    mixinStandardHelpOptions = true,
    description = "The dead letters in radar-deadletter: records the pipeline could not use.",
    subcommands = {DeadLettersCommand.Replay.class})
public final class DeadLettersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code radar deadletters replay}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {
        "Re-submits the payloads of the dead letters with --reason (refused in [--from, --to)"
            + " when given) to where the job read them: a Kafka record to its topic (--kafka),"
            + " a file's line to --out FILE. Marks each one replayed, so a second replay skips"
            + " it, and prints what it found, re-submitted and skipped, and why.",
        "Documents the sink refused (origin index/id) and payloads cut when the dead letter was"
            + " made are not re-submitted."})
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--reason", required = true, paramLabel = "R",
        description = "The dead letters' reason (late, invalid, duplicate, retries-exhausted...).")
    String reason;

    @Option(names = "--from", paramLabel = "T",
        description = "Refused at or after T (ISO-8601 instant; field `at`).")
    Instant from;

    @Option(names = "--to", paramLabel = "T", description = "Refused before T.")
    Instant to;

    @Option(names = "--dry-run", description = "Print what would be re-submitted; send and mark"
        + " nothing.")
    boolean dryRun;

    @Option(names = "--es", paramLabel = "URL[,URL]",
        description = "Elasticsearch (elasticsearch.hosts; default http://localhost:9200).")
    String es;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
        description = "Kafka bootstrap servers (source.kafka.bootstrap-servers) for records that"
            + " came from Kafka; source.kafka.properties-file applies.")
    String kafka;

    @Option(names = "--out", paramLabel = "FILE",
        description = "NDJSON file (appended to) for records that came from a file.")
    Path out;

    @picocli.CommandLine.Mixin SettingsFlags settings = new SettingsFlags();

    Config config() {
      return settings.load(settings.loader("job")
          .flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), es, "--es")
          .flag(JobConfig.KAFKA.key(), kafka, "--kafka"));
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      Config config = config();
      ElasticsearchAccess access = ElasticsearchAccess.from(config);
      List<DeadLetterReplay.Destination> destinations = new ArrayList<>();
      try (ElasticsearchConnection connection = ElasticsearchClients.create(access)) {
        ElasticsearchClientFactory.checkAccess(connection.restClient(), access);
        if (config.get(JobConfig.KAFKA) != null) {
          destinations.add(new KafkaDestination(config.get(JobConfig.KAFKA),
              JobConfig.kafkaClient(config)));
        }
        if (out != null) {
          destinations.add(new FileDestination(out));
        }
        DeadLetterReplay.Summary s;
        try {
          s = new DeadLetterReplay(connection.client()).run(reason, from, to, destinations,
              dryRun);
        } catch (IOException | RuntimeException e) {
          throw ElasticsearchAccessException.find(e, access).<Exception>map(x -> x).orElse(e);
        }
        stdout.println(describe(reason, from, to, s));
        return 0;
      } catch (IllegalArgumentException | ElasticsearchAccessException e) {
        spec.commandLine().getErr().println("radar deadletters replay: " + e.getMessage());
        return 2;
      } finally {
        for (DeadLetterReplay.Destination d : destinations) {
          d.close();
        }
      }
    }

    static String describe(String reason, Instant from, Instant to, DeadLetterReplay.Summary s) {
      String range = from == null && to == null ? "" : " refused in [" + (from == null ? "..."
          : from) + ", " + (to == null ? "..." : to) + ")";
      String sent = s.to().isEmpty() ? "" : " (" + s.to().entrySet().stream()
          .map(e -> e.getValue() + " to " + e.getKey()).collect(Collectors.joining(", ")) + ")";
      String skipped = s.skipped().isEmpty() ? "" : ": " + s.skipped().entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().why()).collect(Collectors.joining(", "));
      long skippedCount = s.skipped().values().stream().mapToLong(Long::longValue).sum();
      return "deadletters replay --reason " + reason + range + (s.dryRun() ? " (dry run)" : "")
          + ": found " + s.found() + ", " + (s.dryRun() ? "would re-submit " : "re-submitted ")
          + s.resubmitted() + sent + ", skipped " + skippedCount + skipped;
    }
  }
}
