package io.challengeradar.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Submits the shaded job jar to a session cluster through Flink's REST API, the way operators do
 * with {@code flink run} or the web UI, and stops it with a savepoint. Everything that can be
 * checked before the cluster is asked is checked first (the cluster answers, the jar is this
 * build's and for this cluster's Flink, the savepoint exists, the slots suffice), so a refused
 * submission leaves nothing half-started.
 */
public final class JobSubmitter {
  /** Where Maven puts the job jar's version, inside the jar. */
  static final String POM_PROPERTIES = "META-INF/maven/io.challengeradar/flink-jobs/pom.properties";

  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * One submission.
   *
   * @param jar the shaded job jar
   * @param jobArgs the job jar's own arguments ({@code --config}, {@code --set K=V}, {@code --kafka}...)
   * @param savepoint a savepoint or retained checkpoint to resume from, or null
   * @param parallelism the job's parallelism, 0 for its configured one
   * @param runningTimeout how long to wait until every task runs
   */
  public record Submission(Path jar, List<String> jobArgs, String savepoint, int parallelism,
      Duration runningTimeout) {
    public Submission {
      jobArgs = List.copyOf(jobArgs);
    }
  }

  /** A submitted job. */
  public record Submitted(String jobId, String jarId, FlinkRestClient.Overview cluster) {}

  private final FlinkRestClient rest;
  private final Consumer<String> progress;

  public JobSubmitter(FlinkRestClient rest, Consumer<String> progress) {
    this.rest = rest;
    this.progress = progress;
  }

  /** Checks, uploads, runs, and returns once the job is RUNNING (or fails with Flink's reason). */
  public Submitted submit(Submission submission) {
    FlinkRestClient.Overview cluster = rest.requireOverview();
    checkJar(submission.jar(), cluster);
    checkSavepoint(submission.savepoint());
    if (submission.parallelism() > cluster.slotsTotal()) {
      throw new ClusterException("--parallelism " + submission.parallelism() + " is above the"
          + " cluster's " + cluster.slotsTotal() + " task slots (" + cluster.taskManagers()
          + " TaskManager(s)); start more TaskManagers or ask for less");
    }
    progress.accept("uploading " + submission.jar().getFileName() + " to " + rest.baseUrl());
    String jarId = rest.uploadJar(submission.jar());
    String jobId = rest.runJar(jarId, submission.jobArgs(), submission.savepoint(),
        submission.parallelism());
    progress.accept("submitted job " + jobId + (submission.savepoint() == null ? ""
        : " from " + submission.savepoint()));
    awaitState(jobId, "RUNNING", submission.runningTimeout());
    return new Submitted(jobId, jarId, cluster);
  }

  /**
   * Stops {@code jobId} with a savepoint into {@code targetDirectory} (null: the cluster's
   * configured savepoint folder) and returns the savepoint's location once the job has finished.
   * {@code drain}: see {@link FlinkRestClient#stopWithSavepoint}.
   */
  public String stopWithSavepoint(String jobId, String targetDirectory, boolean drain,
      Duration timeout) {
    String trigger = rest.stopWithSavepoint(jobId, targetDirectory, drain);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> location = rest.savepointLocation(jobId, trigger);
      if (location.isPresent()) {
        awaitTerminal(jobId, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return location.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException("the savepoint of job " + jobId + " did not complete within "
            + timeout.toSeconds() + " s; the job keeps running");
      }
      sleep();
    }
  }

  /** The one running job, or an error listing what runs when there is not exactly one. */
  public String theRunningJob() {
    List<FlinkRestClient.JobSummary> running = rest.jobs().stream()
        .filter(j -> "RUNNING".equals(j.state())).toList();
    if (running.size() != 1) {
      throw new ClusterException(running.isEmpty() ? "no job runs on " + rest.baseUrl()
          : running.size() + " jobs run on " + rest.baseUrl() + "; name one with --job: "
              + running.stream().map(j -> j.id() + " (" + j.name() + ")").toList());
    }
    return running.get(0).id();
  }

  /** Waits until the job's state is {@code state} and every task of it is running. */
  public void awaitState(String jobId, String state, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      var job = rest.job(jobId);
      last = job.path("state").asText();
      if (last.equals(state) && (!"RUNNING".equals(state) || allTasksRunning(job))) {
        return;
      }
      if (last.equals("FAILED") || last.equals("CANCELED") || last.equals("FINISHED")) {
        throw new ClusterException("job " + jobId + " is " + last + " instead of " + state
            + rootCause(jobId));
      }
      sleep();
    }
    throw new ClusterException("job " + jobId + " was not " + state + " within "
        + timeout.toSeconds() + " s (it is " + last + ")" + rootCause(jobId));
  }

  private void awaitTerminal(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String state = rest.jobState(jobId);
      if (state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED")) {
        return;
      }
      sleep();
    }
  }

  private static boolean allTasksRunning(com.fasterxml.jackson.databind.JsonNode job) {
    for (var vertex : job.path("vertices")) {
      String status = vertex.path("status").asText();
      if (!status.equals("RUNNING") && !status.equals("FINISHED")) {
        return false;
      }
    }
    return true;
  }

  private String rootCause(String jobId) {
    try {
      String trace = rest.exceptions(jobId);
      return trace.isEmpty() ? "" : ": " + trace;
    } catch (ClusterException e) {
      return "";
    }
  }

  /** The job jar this build made under {@code projectRoot}. */
  public static Path builtJar(Path projectRoot) {
    Path target = projectRoot.resolve("flink-jobs").resolve("target");
    try (java.util.stream.Stream<Path> files =
        Files.isDirectory(target) ? Files.list(target) : java.util.stream.Stream.empty()) {
      return files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst()
          .orElseThrow(() -> new ClusterException("no job jar in " + target + "; build it with"
              + " ./mvnw -DskipTests package -pl flink-jobs -am, or give --jar"));
    } catch (IOException e) {
      throw new ClusterException("cannot list " + target + ": " + e.getMessage(), e);
    }
  }

  /** The jar must exist, be a jar of the job, of this build's version and Flink version. */
  static void checkJar(Path jar, FlinkRestClient.Overview cluster) {
    if (!Files.isRegularFile(jar)) {
      throw new ClusterException("the job jar " + jar + " does not exist; build it with"
          + " ./mvnw -DskipTests package -pl flink-jobs -am");
    }
    Properties pom = new Properties();
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry entry = file.getEntry(POM_PROPERTIES);
      if (entry == null) {
        throw new ClusterException(jar + " is not the Challenge Radar job jar (it has no "
            + POM_PROPERTIES + ")");
      }
      try (InputStream in = file.getInputStream(entry)) {
        pom.load(in);
      }
    } catch (IOException e) {
      throw new ClusterException("cannot read the job jar " + jar + ": " + e.getMessage(), e);
    }
    String expected = BuildInfo.radarVersion();
    String version = pom.getProperty("version", "?");
    if (!version.equals(expected)) {
      throw new ClusterException("the job jar " + jar.getFileName() + " was built from version "
          + version + ", this CLI is " + expected + "; rebuild the jar or use the matching CLI");
    }
    String flink = BuildInfo.flinkVersion();
    if (!cluster.flinkVersion().isEmpty() && !cluster.flinkVersion().equals(flink)) {
      throw new ClusterException("the cluster runs Flink " + cluster.flinkVersion()
          + ", the job is built for Flink " + flink);
    }
  }

  /** A savepoint on the local file system must exist; other schemes are the cluster's to check. */
  static void checkSavepoint(String savepoint) {
    if (savepoint == null) {
      return;
    }
    Path local;
    if (savepoint.startsWith("file:")) {
      local = Path.of(URI.create(savepoint));
    } else if (!savepoint.contains("://")) {
      local = Path.of(savepoint);
    } else {
      return;
    }
    if (!Files.exists(local)) {
      throw new ClusterException("the savepoint " + savepoint + " does not exist");
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while waiting for Flink", e);
    }
  }
}
