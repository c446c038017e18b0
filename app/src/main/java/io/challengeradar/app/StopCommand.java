package io.challengeradar.app;

import io.challengeradar.cluster.ClusterException;
import io.challengeradar.cluster.FlinkRestClient;
import io.challengeradar.cluster.JobSubmitter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar stop}: stop the job on a session cluster, with a savepoint to resume from. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop the job running on a Flink session cluster. --with-savepoint takes a"
        + " savepoint first and prints its path for `radar submit --savepoint`; without it the"
        + " job is cancelled (its latest checkpoint is retained).")
public final class StopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cluster", paramLabel = "URL", defaultValue = "http://127.0.0.1:8091",
      description = "The JobManager's REST URL (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(names = "--job", paramLabel = "ID",
      description = "The job to stop; default: the one running job.")
  String job;

  @Option(names = "--with-savepoint", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
      description = "Take a savepoint (into DIR, default the cluster's savepoint folder).")
  String savepointDir;

  @Option(names = "--drain", description = "Advance event time to its end before the savepoint"
      + " so every open window and alert comes out (for a job that is retired, not resumed).")
  boolean drain;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long the savepoint may take (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FlinkRestClient rest = new FlinkRestClient(cluster);
    JobSubmitter submitter = new JobSubmitter(rest, line -> err.println("radar: " + line));
    try {
      rest.requireOverview();
      String id = job != null ? job : submitter.theRunningJob();
      if (savepointDir == null) {
        rest.cancel(id);
        out.println("Cancelled job " + id + "; its latest checkpoint is retained under the"
            + " cluster's checkpoint folder.");
        return 0;
      }
      err.println("radar: stopping job " + id + " with a savepoint...");
      err.flush();
      String location = submitter.stopWithSavepoint(id, savepointDir.isEmpty() ? null
          : savepointDir, drain, Duration.ofSeconds(timeoutSeconds));
      out.println("Stopped job " + id + "; savepoint " + location);
      out.println("Resume it: ./radar submit --cluster " + cluster + " --savepoint " + location
          + " [--parallelism P] (with the same settings)");
      return 0;
    } catch (ClusterException e) {
      err.println("radar stop: " + e.getMessage());
      return 1;
    }
  }
}
