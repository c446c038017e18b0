package io.challengeradar.flink;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints a local job left in its checkpoint directory, so that the next start can
 * resume from the newest. Flink writes each job's checkpoints to {@code DIR/<job id>/chk-<n>/}
 * and its {@code _metadata} file last, and a MiniCluster job gets a new id on every start, so the
 * newest is looked for across every job's folder. A checkpoint whose metadata cannot be read (a
 * process killed while writing it) is passed over for the next newest.
 */
public final class RetainedCheckpoints {
  private static final Logger LOG = LoggerFactory.getLogger(RetainedCheckpoints.class);
  private static final Pattern CHK = Pattern.compile("chk-(\\d+)");
  private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");

  private RetainedCheckpoints() {}

  /** One complete checkpoint: its folder (what to restore from), its id and when it was written. */
  public record Retained(Path path, long checkpointId, Instant written) {
    public String pointer() {
      return path.toUri().toString();
    }
  }

  /**
   * The newest complete checkpoint under {@code checkpointDirectory} (a {@code file:} URI or a
   * path), or empty when there is none or the directory is not on the local file system.
   */
  public static Optional<Retained> latest(String checkpointDirectory) throws IOException {
    Path dir = localPath(checkpointDirectory);
    if (dir == null || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Retained> all = new ArrayList<>();
    try (Stream<Path> jobs = Files.list(dir)) {
      for (Path job : jobs.filter(Files::isDirectory).toList()) {
        try (Stream<Path> chks = Files.list(job)) {
          for (Path chk : chks.toList()) {
            Matcher m = CHK.matcher(chk.getFileName().toString());
            Path metadata = chk.resolve("_metadata");
            if (m.matches() && Files.isRegularFile(metadata)) {
              all.add(new Retained(chk, Long.parseLong(m.group(1)),
                  Files.getLastModifiedTime(metadata).toInstant()));
            }
          }
        }
      }
    }
    all.sort(Comparator.comparing(Retained::written).thenComparingLong(Retained::checkpointId)
        .reversed());
    for (Retained r : all) {
      if (readable(r)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Deletes the folders of earlier runs under the checkpoint directory except the one holding
   * {@code keep}: those checkpoints are older than it and nothing will restore from them. A
   * resumed job's first checkpoint is a full one (Flink does not claim the restored files), so
   * {@code keep}'s folder is left until the next start finds a newer one. Only folders named as
   * Flink names a job (32 hex digits) are touched.
   *
   * @return how many folders were deleted
   */
  public static int removeOlderRuns(Retained keep) throws IOException {
    Path jobDir = keep.path().getParent();
    int removed = 0;
    try (Stream<Path> jobs = Files.list(jobDir.getParent())) {
      for (Path job : jobs.filter(Files::isDirectory).toList()) {
        if (!job.equals(jobDir) && JOB_ID.matcher(job.getFileName().toString()).matches()) {
          org.apache.flink.util.FileUtils.deleteDirectory(job.toFile());
          removed++;
        }
      }
    }
    return removed;
  }

  /** Whether the path names a directory on this machine's file system (a restore can look). */
  public static boolean isLocal(String checkpointDirectory) {
    return localPath(checkpointDirectory) != null;
  }

  private static Path localPath(String checkpointDirectory) {
    if (checkpointDirectory == null || checkpointDirectory.isBlank()) {
      return null;
    }
    if (checkpointDirectory.startsWith("file:")) {
      return Path.of(URI.create(checkpointDirectory));
    }
    return checkpointDirectory.contains("://") ? null : Path.of(checkpointDirectory);
  }

  private static boolean readable(Retained r) {
    try (InputStream in = Files.newInputStream(r.path().resolve("_metadata"))) {
      Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
          RetainedCheckpoints.class.getClassLoader(), r.pointer());
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("checkpoint {} cannot be read, passing it over: {}", r.path(), e.toString());
      return false;
    }
  }
}
