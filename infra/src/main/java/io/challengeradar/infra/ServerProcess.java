package io.challengeradar.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One server running as a child process: spawn, wait until ready, stop. The Elasticsearch and
 * Kafka launchers differ only in how they prepare files and build the command; everything about
 * the process's life is here, once.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final int TAIL_LINES = 40;
  /** How long a killed process may take to be gone (the kernel reaps it at once, unless stuck). */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  /** How {@link #stop} ended. */
  public enum StopOutcome {
    /** The process (and its children) exited after SIGTERM, within the grace period. */
    STOPPED,
    /** It did not exit in time and was killed. */
    KILLED,
    /** It was not running. */
    NOT_RUNNING
  }

  /** Answers whether the server accepts clients yet; exceptions count as "not yet". */
  @FunctionalInterface
  public interface ReadinessProbe {
    boolean ready() throws Exception;
  }

  /**
   * What to run and where.
   *
   * @param name the server's name, for messages
   * @param command the full command line
   * @param environment variables to set (on top of this JVM's), null values remove one
   * @param workDir the working directory
   * @param consoleLog where the process's stdout and stderr go (appended)
   * @param logsForErrors further logs whose tail goes into error messages
   */
  public record Spec(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      Path consoleLog,
      List<Path> logsForErrors) {
    public Spec {
      Objects.requireNonNull(name, "name");
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("command must not be empty");
      }
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(consoleLog, "consoleLog");
      logsForErrors = List.copyOf(logsForErrors);
    }
  }

  private final Spec spec;
  private final Process process;
  private final Duration stopTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;
  private volatile Runnable afterStop = () -> {};
  private volatile StopOutcome stopOutcome;

  private ServerProcess(Spec spec, Process process, Duration stopTimeout, boolean stopOnExit) {
    this.spec = spec;
    this.process = process;
    this.stopTimeout = stopTimeout;
    if (stopOnExit) {
      // Ctrl-C on the CLI (or any normal JVM exit) must never leave a server behind.
      shutdownHook = new Thread(this::close, "stop-" + spec.name());
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /**
   * Refuses to start {@code name} when its state file records a server that is still alive, or
   * when its port is taken by something else: the checks every launcher makes before spawning.
   */
  public static void checkCanStart(String name, Path stateFile, int port) {
    StateFile.refuseIfRecordedAlive(stateFile, name);
    if (!Ports.isFree(port)) {
      throw new PortTakenException(name, port);
    }
  }

  /**
   * Starts the process in its own session, so a terminal's Ctrl-C reaches only the CLI, which then
   * stops the server through one path (this class) whether it runs in the foreground or not.
   */
  public static ServerProcess spawn(Spec spec, Duration stopTimeout, boolean stopOnExit) {
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.addAll(spec.command());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.consoleLog().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    spec.environment().forEach((key, value) -> {
      if (value == null) {
        env.remove(key);
      } else {
        env.put(key, value);
      }
    });
    try {
      Files.createDirectories(spec.consoleLog().toAbsolutePath().getParent());
      return new ServerProcess(spec, builder.start(), stopTimeout, stopOnExit);
    } catch (IOException e) {
      throw new PlatformException("cannot start " + spec.name() + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code action} once the process has been stopped by {@link #close}. */
  public void onStopped(Runnable action) {
    this.afterStop = Objects.requireNonNull(action, "action");
  }

  public String name() {
    return spec.name();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Polls {@code probe} until it answers true. Fails, with the tail of the server's logs, when the
   * process exits first or the timeout passes; the process is then stopped, never left half-up.
   */
  public void awaitReady(ReadinessProbe probe, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        String message =
            spec.name() + " exited with code " + process.exitValue() + " before it was ready";
        close();
        throw new PlatformException(message + "\n" + logTail());
      }
      if (isReady(probe)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        String message =
            spec.name() + " was not ready within " + timeout.toSeconds() + " s (pid " + pid()
                + "); stopped it";
        close();
        throw new PlatformException(message + "\n" + logTail());
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new PlatformException("interrupted while waiting for " + spec.name(), e);
      }
    }
  }

  private static boolean isReady(ReadinessProbe probe) {
    try {
      return probe.ready();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** The last lines of the console log and each further log, labelled, for error messages. */
  public String logTail() {
    StringBuilder out = new StringBuilder();
    List<Path> logs = new ArrayList<>();
    logs.add(spec.consoleLog());
    logs.addAll(spec.logsForErrors());
    for (Path log : logs) {
      List<String> lines = tail(log, TAIL_LINES);
      if (!lines.isEmpty()) {
        out.append("--- last lines of ").append(log).append(" ---\n");
        lines.forEach(line -> out.append(line).append('\n'));
      }
    }
    return out.length() == 0 ? "(no log output)" : out.toString();
  }

  /** The last {@code count} lines of a file (reading at most its last 64 KiB); empty if missing. */
  public static List<String> tail(Path file, int count) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(0, length - 64 * 1024);
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  /** Stops the server (see {@link #stop}); safe to call more than once and from a shutdown hook. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook will find this closed.
      }
    }
    stopOutcome = stop(process.toHandle(), stopTimeout);
    afterStop.run();
  }

  /**
   * Kills the process and everything it started at once (SIGKILL), as a crash or the kernel's
   * out-of-memory killer would, and returns once all of them are gone. Killing only the process
   * is not that: Elasticsearch's launcher runs the server as its child, and a server whose
   * launcher died shuts itself down in its own time, a graceful stop that may take long.
   * {@link #close} afterwards finds nothing left to stop.
   */
  public void kill() {
    ProcessHandle stuck = killAll(familyOf(process.toHandle()));
    if (stuck != null) {
      throw new PlatformException(spec.name() + ": process " + stuck.pid() + " still runs "
          + KILL_WAIT.toSeconds() + " s after SIGKILL");
    }
  }

  /**
   * The process and everything it started, the process first. Collected before anything is
   * stopped: once a parent is gone its children can no longer be found from it.
   */
  private static List<ProcessHandle> familyOf(ProcessHandle process) {
    List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
    family.add(0, process);
    return family;
  }

  /** SIGKILL to each of {@code family}; the first still alive {@link #KILL_WAIT} later, or null. */
  private static ProcessHandle killAll(List<ProcessHandle> family) {
    family.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + KILL_WAIT.toNanos();
    for (ProcessHandle member : family) {
      if (!awaitExit(member, deadline - System.nanoTime())) {
        return member;
      }
    }
    return null;
  }

  /** How {@link #close} stopped the process; empty until it has. */
  public Optional<StopOutcome> stopOutcome() {
    return Optional.ofNullable(stopOutcome);
  }

  /**
   * SIGTERM, then wait up to {@code grace} for the process and everything it started to exit, then
   * kill what is left. Children are collected first: once the parent is gone they cannot be found.
   */
  public static StopOutcome stop(ProcessHandle process, Duration grace) {
    if (!process.isAlive()) {
      return StopOutcome.NOT_RUNNING;
    }
    List<ProcessHandle> family = familyOf(process);
    process.destroy();
    long deadline = System.nanoTime() + grace.toNanos();
    boolean clean = true;
    for (ProcessHandle member : family) {
      if (!awaitExit(member, deadline - System.nanoTime())) {
        clean = false;
        break;
      }
    }
    if (clean) {
      return StopOutcome.STOPPED;
    }
    killAll(family);
    return StopOutcome.KILLED;
  }

  private static boolean awaitExit(ProcessHandle process, long nanos) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      process.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    }
  }

  /** The exit code once the process has exited. */
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** Blocks until the process exits, whoever stopped it; returns its exit code. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }
}
