package io.challengeradar.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What a started server left behind so another terminal can find it: which process, where it
 * listens, where its files are. Written when the server starts, deleted when it is stopped.
 *
 * @param server the server's name ("elasticsearch", "kafka")
 * @param pid the process that was started (the one to signal)
 * @param startedAt when that process started, to tell it apart from a later process given the same
 *     pid; null when the system did not say
 * @param endpoint the URL or bootstrap address clients use
 * @param port the port it listens on
 * @param dataDir where its data lives
 * @param logsDir where its logs are
 * @param user the user it runs as, or empty for the user that started it
 */
public record StateFile(
    String server,
    long pid,
    Instant startedAt,
    String endpoint,
    int port,
    Path dataDir,
    Path logsDir,
    String user) {

  /** The state file's name inside a server's base folder. */
  public static final String FILE_NAME = "state.properties";

  // Start instants read back from /proc are rounded differently than when first read.
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  public StateFile {
    Objects.requireNonNull(server, "server");
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive, got " + pid);
    }
    Objects.requireNonNull(endpoint, "endpoint");
    Ports.checkPort("port", port);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logsDir, "logsDir");
    user = user == null ? "" : user;
  }

  /** The state of {@code process} as it runs now. */
  public static StateFile of(
      String server, ProcessHandle process, String endpoint, int port, Path dataDir,
      Path logsDir, RunAs runAs) {
    return new StateFile(
        server, process.pid(), process.info().startInstant().orElse(null), endpoint, port,
        dataDir, logsDir, runAs.user().orElse(""));
  }

  /** Writes this state to {@code file} atomically (readers never see half a file). */
  public void write(Path file) {
    Properties props = new Properties();
    props.setProperty("server", server);
    props.setProperty("pid", Long.toString(pid));
    if (startedAt != null) {
      props.setProperty("startedAt", startedAt.toString());
    }
    props.setProperty("endpoint", endpoint);
    props.setProperty("port", Integer.toString(port));
    props.setProperty("dataDir", dataDir.toString());
    props.setProperty("logsDir", logsDir.toString());
    props.setProperty("user", user);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        props.store(out, "written by the radar CLI; deleted when the server is stopped");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new PlatformException("cannot write the state file " + file + ": " + e, e);
    }
  }

  /** Reads a state file; empty when there is none; fails naming the field when it is damaged. */
  public static Optional<StateFile> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new PlatformException("cannot read the state file " + file + ": " + e, e);
    }
    try {
      String started = props.getProperty("startedAt");
      return Optional.of(
          new StateFile(
              required(props, "server", file),
              Long.parseLong(required(props, "pid", file)),
              started == null ? null : Instant.parse(started),
              required(props, "endpoint", file),
              Integer.parseInt(required(props, "port", file)),
              Path.of(required(props, "dataDir", file)),
              Path.of(required(props, "logsDir", file)),
              props.getProperty("user", "")));
    } catch (RuntimeException e) {
      if (e instanceof PlatformException) {
        throw e;
      }
      throw new PlatformException("the state file " + file + " is damaged: " + e.getMessage()
          + " (delete it when no server runs from there)", e);
    }
  }

  private static String required(Properties props, String key, Path file) {
    String value = props.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new PlatformException(
          "the state file " + file + " is damaged: field '" + key + "' is missing"
              + " (delete it when no server runs from there)");
    }
    return value;
  }

  /** Deletes the state file if it is there. */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new PlatformException("cannot delete the state file " + file + ": " + e, e);
    }
  }

  /**
   * The recorded process when it still runs and is the same process (same start time), so a pid
   * reused by an unrelated program is never signalled.
   */
  public Optional<ProcessHandle> liveProcess() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
  }

  private boolean sameStart(ProcessHandle handle) {
    if (startedAt == null) {
      return true;
    }
    return handle
        .info()
        .startInstant()
        .map(actual -> Duration.between(startedAt, actual).abs().compareTo(START_TOLERANCE) <= 0)
        .orElse(true);
  }

  /**
   * Fails when the state file names a live process: two servers must not share one data folder.
   * A state file left by a process that is gone (killed, machine restarted) is removed.
   */
  public static void refuseIfRecordedAlive(Path stateFile, String server) {
    Optional<StateFile> recorded = StateFile.read(stateFile);
    if (recorded.isEmpty()) {
      return;
    }
    if (recorded.get().liveProcess().isPresent()) {
      throw new PlatformException(
          server + " already runs from " + stateFile.getParent() + " (pid " + recorded.get().pid()
              + ", " + recorded.get().endpoint() + "); `radar down` stops it");
    }
    StateFile.delete(stateFile);
  }

  /** The user as shown to people. */
  public String userDescription() {
    return user.isEmpty() ? "the starting user" : user;
  }
}
