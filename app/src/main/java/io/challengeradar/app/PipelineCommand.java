package io.challengeradar.app;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.RetainedCheckpoints;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.contract.client.ElasticsearchAccessException;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import io.challengeradar.flink.es.ElasticsearchAccessDenied;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import io.challengeradar.infra.RadarHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The streaming pipeline on Kafka, on a local MiniCluster, until Ctrl-C. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the streaming job on a local Flink MiniCluster: radar.posts and radar.engagement"
          + " from Kafka into Elasticsearch, with enrichment and the challenge intelligence when"
          + " serving.url is set, until Ctrl-C. A new start resumes from the newest checkpoint"
          + " in the checkpoint directory (or --savepoint PATH) and says which.",
      "Settings: defaults < --config FILE < environment RADAR_* < flags (see `radar config show"
          + " --component job`). On a real Flink cluster, submit"
          + " flink-jobs/target/flink-jobs-<version>-job.jar with `flink run` instead (same"
          + " arguments)."
    })
public final class PipelineCommand implements Callable<Integer> {
  /** How often a status line is printed. */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);
  /** Restarts after which a resumed job's notice names the restore as a likely cause. */
  static final int RESTARTS_BEFORE_RESTORE_HINT = 2;

  @Option(names = "--kafka", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (source.kafka.bootstrap-servers).")
  String kafka;

  @Option(names = "--es", paramLabel = "URL[,URL]",
      description = "Elasticsearch URL(s), comma-separated (elasticsearch.hosts).")
  String es;

  @Option(names = "--serving", paramLabel = "URL",
      description = "The serving tier: enrichment, risk and participation (serving.url).")
  String serving;

  @picocli.CommandLine.Mixin SettingsFlags settingsFlags = new SettingsFlags();

  @Option(names = "--group-id", description = "Kafka consumer group (source.kafka.group-id).")
  String groupId;

  @Option(names = "--checkpoints", description = "Checkpoint directory (job.checkpoints;"
      + " default: the radar home's pipeline/checkpoints).")
  Path checkpoints;

  @Option(names = "--parallelism", description = "Parallelism of the job (job.parallelism).")
  Integer parallelism;

  @Option(names = "--savepoint", paramLabel = "PATH",
      description = "Resume from this savepoint or retained checkpoint; without it the job"
          + " resumes from the newest checkpoint in its checkpoint directory, if there is one.")
  String savepoint;

  /** The job's settings from the file, the environment and these flags. */
  Config settings(Map<String, String> environment) {
    settingsFlags.environment = environment;
    Config c = settingsFlags.load(settingsFlags.loader("job")
        .flag(JobConfig.KAFKA.key(), kafka, "--kafka")
        .flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), es, "--es")
        .flag(CommonOptions.SERVING_URL.key(), serving, "--serving")
        .flag(JobConfig.GROUP_ID.key(), groupId, "--group-id")
        .flag(JobConfig.CHECKPOINTS.key(), checkpoints == null ? null
            : checkpoints.toAbsolutePath().toUri().toString(), "--checkpoints")
        .flag(JobConfig.PARALLELISM.key(), parallelism == null ? null : "" + parallelism,
            "--parallelism"));
    if (c.get(JobConfig.CHECKPOINTS) == null) {
      c = c.with(JobConfig.CHECKPOINTS, RadarHome.resolve().resolve("pipeline")
          .resolve("checkpoints").toUri().toString(), "radar pipeline");
    }
    return c;
  }

  /**
   * What the console says when the job restarts: Flink retries a failed job from its last
   * checkpoint without end, so a job that cannot get going would otherwise only show its count
   * standing still. The cause is in the log file; a state that cannot be restored is named as a
   * likely one when the job was resumed.
   */
  static String restartNotice(int restarts, String restoredFrom, String logFile) {
    StringBuilder notice = new StringBuilder("pipeline: the job failed and restarts from its last"
        + " checkpoint (restart " + restarts + ")");
    notice.append(logFile == null ? "; the cause is in the library log"
        : "; the cause is in " + logFile);
    if (restoredFrom != null && restarts >= RESTARTS_BEFORE_RESTORE_HINT) {
      notice.append(". Resumed from ").append(restoredFrom).append(": if the cause is the"
          + " restore (\"Could not restore\", StateMigrationException), that state was written by"
          + " an incompatible build or another job.state-backend; start afresh with other"
          + " --checkpoints, see docs/pipeline.md");
    }
    return notice.toString();
  }

  @Override
  public Integer call() throws Exception {
    JobConfig job = JobConfig.from(settings(System.getenv()));
    String checkpointDir = job.checkpoints();
    if (checkpointDir.startsWith("file:")) {
      Files.createDirectories(Path.of(java.net.URI.create(checkpointDir)));
    }
    String restoreFrom = restorePoint(checkpointDir);
    System.err.println("pipeline: " + (job.source().kafka() ? job.source().kafkaBootstrap()
        : job.source().files()) + " -> " + job.sink().hosts()
        + (job.intelligence() != null ? ", enriching through " + job.intelligence().servingUrl()
            : "") + ", checkpoints in " + checkpointDir + "; Ctrl-C stops it");
    try (ElasticsearchConnection client = ElasticsearchClients.create(job.sink().access())) {
      ElasticsearchClientFactory.checkAccess(client.restClient(), job.sink().access());
      long[] next = {System.nanoTime() + STATUS_INTERVAL.toNanos()};
      LocalJob.run(JobFactory.create(job), job.name(), job.parallelism(), restoreFrom,
          LocalJob.DEFAULT_POLL_INTERVAL, () -> {
            if (System.nanoTime() < next[0]) {
              return;
            }
            next[0] = System.nanoTime() + STATUS_INTERVAL.toNanos();
            try {
              System.err.printf(Locale.ROOT,
                  "pipeline: %,d records accounted for in Elasticsearch%n",
                  PipelineResults.inputAccountedFor(client.client()));
            } catch (java.io.IOException e) {
              System.err.println("pipeline: Elasticsearch did not answer (" + e.getMessage()
                  + ")");
            }
          }, restarts -> System.err.println(restartNotice(restarts, restoreFrom,
              System.getProperty(CliLogging.ACTIVE_FILE_PROPERTY))));
    } catch (ElasticsearchAccessException e) {
      System.err.println("pipeline: " + e.getMessage());
      return 2;
    } catch (LocalJob.JobFailedException e) {
      // Refused credentials fail the job once (no restarts); say so in one line, not a trace.
      Throwable denied = e;
      while (denied != null && !(denied instanceof ElasticsearchAccessDenied)) {
        denied = denied.getCause();
      }
      if (denied == null) {
        throw e;
      }
      System.err.println("pipeline: " + denied.getMessage());
      return 2;
    }
    return 0;
  }

  /**
   * What the job starts from, said on the console: {@code --savepoint}, else the newest complete
   * checkpoint an earlier run left in the checkpoint directory, else nothing (a fresh start).
   */
  private String restorePoint(String checkpointDir) throws java.io.IOException {
    if (savepoint != null) {
      String pointer = savepoint.contains("://") || savepoint.startsWith("file:") ? savepoint
          : Path.of(savepoint).toAbsolutePath().toUri().toString();
      System.err.println("pipeline: resuming from " + pointer + " (--savepoint)");
      return pointer;
    }
    if (!RetainedCheckpoints.isLocal(checkpointDir)) {
      System.err.println("pipeline: starting fresh (checkpoints in " + checkpointDir
          + " are not looked for; give --savepoint PATH to resume)");
      return null;
    }
    java.util.Optional<RetainedCheckpoints.Retained> latest =
        RetainedCheckpoints.latest(checkpointDir);
    if (latest.isEmpty()) {
      System.err.println("pipeline: starting fresh (no checkpoint in " + checkpointDir + ")");
      return null;
    }
    RetainedCheckpoints.Retained r = latest.get();
    System.err.println("pipeline: resuming from checkpoint " + r.checkpointId() + " of an"
        + " earlier run, written " + r.written().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " (" + r.pointer() + ")");
    RetainedCheckpoints.removeOlderRuns(r);
    return r.pointer();
  }
}
