package io.challengeradar.app;

import io.challengeradar.cluster.ClusterException;
import io.challengeradar.cluster.FlinkRestClient;
import io.challengeradar.cluster.JobSubmitter;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.infra.RadarHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar submit}: the job jar onto a Flink session cluster, through its REST API. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Upload the shaded job jar to a Flink session cluster and run it with the job's"
        + " settings (--config, --set, RADAR_* are checked here first and passed to the job's"
        + " main, which builds it with the same job factory as every other entry point). Returns"
        + " once every task runs. See docs/cluster.md.")
public final class SubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SettingsFlags flags = new SettingsFlags();

  @Option(names = "--cluster", paramLabel = "URL", defaultValue = "http://127.0.0.1:8091",
      description = "The JobManager's REST URL (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(names = "--jar", paramLabel = "PATH",
      description = "The job jar; default: flink-jobs/target/flink-jobs-<version>-job.jar.")
  Path jar;

  @Option(names = "--savepoint", paramLabel = "PATH",
      description = "Resume from this savepoint (or retained checkpoint).")
  String savepoint;

  @Option(names = "--parallelism", paramLabel = "P", defaultValue = "0",
      description = "The job's parallelism; at most the cluster's free slots.")
  int parallelism;

  @Option(names = "--kafka", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (source.kafka.bootstrap-servers).")
  String kafka;

  @Option(names = "--es", paramLabel = "URL",
      description = "Elasticsearch URL(s) (elasticsearch.hosts).")
  String es;

  @Option(names = "--serving", paramLabel = "URL",
      description = "The serving tier, for enrichment and predictions (serving.url).")
  String serving;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> jobArgs;
    Path jobJar;
    try {
      jobArgs = jobArguments();
      jobJar = jar != null ? jar : JobSubmitter.builtJar(RadarHome.projectRoot());
    } catch (IllegalArgumentException | ClusterException e) {
      err.println("radar submit: " + e.getMessage());
      return 2;
    }
    JobSubmitter submitter = new JobSubmitter(new FlinkRestClient(cluster),
        line -> { err.println("radar: " + line); err.flush(); });
    try {
      JobSubmitter.Submitted job = submitter.submit(new JobSubmitter.Submission(jobJar, jobArgs,
          savepoint, parallelism, Duration.ofMinutes(2)));
      out.println("Job " + job.jobId() + " is running on " + cluster + " ("
          + job.cluster().taskManagers() + " TaskManager(s)).");
      out.println("Stop it with a savepoint: ./radar stop --cluster " + cluster + " --job "
          + job.jobId() + " --with-savepoint");
      return 0;
    } catch (ClusterException e) {
      err.println("radar submit: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The job jar's arguments: the settings file (absolute, the cluster reads it from this
   * machine's disk) and every other layer as {@code --set}, after checking them as the job will.
   */
  List<String> jobArguments() {
    Config settings = flags.load(flags.loader("job")
        .flag(JobConfig.KAFKA.key(), kafka, "--kafka")
        .flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), es, "--es")
        .flag(CommonOptions.SERVING_URL.key(), serving, "--serving"));
    JobConfig.from(settings);
    List<String> args = new ArrayList<>();
    if (flags.file != null) {
      args.add("--config");
      args.add(flags.file.toAbsolutePath().toString());
    }
    addSet(args, JobConfig.KAFKA.key(), kafka);
    addSet(args, CommonOptions.ELASTICSEARCH_HOSTS.key(), es);
    addSet(args, CommonOptions.SERVING_URL.key(), serving);
    if (flags.set != null) {
      flags.set.forEach((key, value) -> addSet(args, key, value));
    }
    return args;
  }

  private static void addSet(List<String> args, String key, String value) {
    if (value != null) {
      args.add("--set");
      args.add(key + "=" + value);
    }
  }

  /** For tests: the environment the settings are read with. */
  void environment(Map<String, String> environment) {
    flags.environment = environment;
  }
}
