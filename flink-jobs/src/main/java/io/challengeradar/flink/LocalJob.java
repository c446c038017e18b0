package io.challengeradar.flink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the pipeline job on an in-process Flink MiniCluster and calls back at a fixed interval
 * while it runs, so the caller can show progress without a thread of its own.
 */
public final class LocalJob {
  public static final int DEFAULT_PARALLELISM = 2;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private LocalJob() {}

  /**
   * Runs {@code job} until it finishes (a bounded source) or the JVM stops (an unbounded one).
   *
   * @param whilePolling called every {@code pollInterval} while the job runs, from this thread
   * @throws JobFailedException when the job fails; its cause is Flink's root failure
   */
  public static JobExecutionResult run(RadarPipeline job, String name, int parallelism,
      Duration pollInterval, Runnable whilePolling) throws InterruptedException {
    return run(job, name, parallelism, null, pollInterval, whilePolling);
  }

  /**
   * As {@link #run(RadarPipeline, String, int, Duration, Runnable)}, starting from the state of
   * {@code restoreFrom} (a savepoint or retained checkpoint, see {@link RetainedCheckpoints});
   * null starts fresh. Flink fails the job if the path cannot be restored.
   */
  public static JobExecutionResult run(RadarPipeline job, String name, int parallelism,
      String restoreFrom, Duration pollInterval, Runnable whilePolling)
      throws InterruptedException {
    return run(job, name, parallelism, restoreFrom, pollInterval, whilePolling, null);
  }

  /**
   * As {@link #run(RadarPipeline, String, int, String, Duration, Runnable)}, telling
   * {@code onRestart} each time the job is seen restarting after a failure (Flink restarts it from
   * its last checkpoint), with the number of restarts seen so far. A job that cannot get going
   * (state that does not restore, a failure on every start) restarts again and again without
   * ever failing: this is how the caller can say so. Seen by polling, so two restarts within one
   * poll interval count as one. Null: no one is told, and the status is not polled.
   */
  public static JobExecutionResult run(RadarPipeline job, String name, int parallelism,
      String restoreFrom, Duration pollInterval, Runnable whilePolling, IntConsumer onRestart)
      throws InterruptedException {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
    }
    Configuration conf = new Configuration();
    if (restoreFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    job.configure(env);
    job.build(env);
    JobClient client;
    try {
      client = env.executeAsync(name);
    } catch (Exception e) {
      throw new JobFailedException("job " + name + " could not start: " + e.getMessage(), e);
    }
    CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
    RestartWatch restarts = new RestartWatch();
    while (true) {
      try {
        return result.get(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        if (onRestart != null && restarts.observe(statusNow(client, pollInterval))) {
          onRestart.accept(restarts.restarts());
        }
        whilePolling.run();
      } catch (ExecutionException e) {
        Throwable root = e.getCause();
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        throw new JobFailedException("job " + name + " failed: " + root, e.getCause());
      } catch (InterruptedException e) {
        client.cancel();
        throw e;
      }
    }
  }

  /**
   * The job's status, or null when it does not answer within {@code wait} or has just ended (a
   * MiniCluster that shut down with its finished job refuses the question outright).
   */
  private static JobStatus statusNow(JobClient client, Duration wait)
      throws InterruptedException {
    try {
      return client.getJobStatus().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | IllegalStateException e) {
      return null;
    }
  }

  /** Counts the job's entries into RESTARTING among polled statuses. */
  static final class RestartWatch {
    private JobStatus last;
    private int restarts;

    /** True when {@code status} (null: unknown, ignored) starts a restart not counted yet. */
    boolean observe(JobStatus status) {
      if (status == null) {
        return false;
      }
      boolean entered = status == JobStatus.RESTARTING && last != JobStatus.RESTARTING;
      last = status;
      if (entered) {
        restarts++;
      }
      return entered;
    }

    int restarts() {
      return restarts;
    }
  }

  /** The job failed or could not start. */
  public static final class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
