package io.challengeradar.cluster;

import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.RunAs;
import io.challengeradar.infra.ServerProcess;
import io.challengeradar.infra.StateFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real Flink session cluster on this machine: one JobManager (with the REST endpoint and web UI)
 * and N TaskManagers, each its own JVM, run from the {@code lib/} folder the build assembled from
 * Flink's Maven Central artifacts ({@code flink-dist} is not published there). Every process is
 * started the way Flink's scripts start it: the same entry points, memory flags computed by Flink,
 * one config.yaml. State files let {@code radar cluster status|down} find them later.
 */
public final class FlinkCluster implements AutoCloseable {
  static final String JOBMANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

  /** What the distribution's default config.yaml sets for Java 17 (env.java.opts.all). */
  static final List<String> JAVA_17_OPENS = List.of(
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED",
      "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final FlinkClusterOptions options;
  private final PrintStream notices;
  private final List<ServerProcess> taskManagers = new ArrayList<>();
  private ServerProcess jobManager;
  private Map<String, String> conf;

  public FlinkCluster(FlinkClusterOptions options, PrintStream notices) {
    this.options = Objects.requireNonNull(options, "options");
    this.notices = Objects.requireNonNull(notices, "notices");
  }

  /**
   * Starts the JobManager, then each TaskManager, and returns once every TaskManager has
   * registered. On any failure what was started is stopped again before the exception leaves.
   */
  public synchronized FlinkCluster start() {
    if (jobManager != null) {
      throw new IllegalStateException("already started (JobManager pid " + jobManager.pid() + ")");
    }
    ServerProcess.checkCanStart("Flink's JobManager", options.jobManagerStateFile(),
        options.restPort());
    if (!Ports.isFree(options.rpcPort())) {
      throw new ClusterException("port " + options.rpcPort() + " (Flink's RPC port) is taken;"
          + " set cluster.flink.rpc-port to a free one");
    }
    conf = FlinkConfig.render(options);
    writeConfiguration();
    try {
      jobManager = spawn("jobmanager", JOBMANAGER_MAIN, FlinkConfig.jobManagerMemory(conf),
          options.jobManagerStateFile());
      FlinkRestClient rest = new FlinkRestClient(options.restUrl());
      jobManager.awaitReady(() -> rest.overview().isPresent(), options.startupTimeout());
      notices.println("radar: Flink JobManager up at " + options.restUrl() + " (pid "
          + jobManager.pid() + ")");
      for (int i = 1; i <= options.taskManagers(); i++) {
        addTaskManager();
      }
      int expected = options.taskManagers();
      int expectedSlots = expected * options.slots();
      // A TaskManager registers first and reports its slots a moment later: ready means both.
      jobManager.awaitReady(() -> rest.overview()
          .map(o -> o.taskManagers() >= expected && o.slotsTotal() >= expectedSlots)
          .orElse(false), options.startupTimeout());
      notices.println("radar: " + expected + " TaskManager(s) registered, "
          + expectedSlots + " slot(s)");
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts one more TaskManager (also after one was killed) and returns its process. */
  public synchronized ServerProcess addTaskManager() {
    int index = taskManagers.size() + 1;
    ServerProcess process = spawn("taskmanager-" + index, TASKMANAGER_MAIN,
        FlinkConfig.taskManagerMemory(conf), options.taskManagerStateFile(index));
    taskManagers.add(process);
    return process;
  }

  private ServerProcess spawn(String name, String mainClass, FlinkConfig.ProcessMemory memory,
      Path stateFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(memory.jvmFlags());
    command.addAll(JAVA_17_OPENS);
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog.file=" + options.logsDir().resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + options.confDir().resolve("log4j.properties")
        .toUri());
    command.add("-cp");
    command.add(options.libDir().resolve("*").toString());
    command.add(mainClass);
    command.add("--configDir");
    command.add(options.confDir().toString());
    for (String property : memory.dynamicProperties()) {
      command.add(property);
    }
    ServerProcess.Spec spec = new ServerProcess.Spec("Flink " + name, command,
        Map.of("FLINK_CONF_DIR", options.confDir().toString()), options.baseDir(),
        options.logsDir().resolve(name + ".out"),
        List.of(options.logsDir().resolve(name + ".log")));
    ServerProcess process = ServerProcess.spawn(spec, options.stopTimeout(), options.stopOnExit());
    process.onStopped(() -> StateFile.delete(stateFile));
    StateFile.of("flink-" + name, process.handle(), options.restUrl(), options.restPort(),
        options.baseDir(), options.logsDir(), RunAs.currentUser()).write(stateFile);
    return process;
  }

  private void writeConfiguration() {
    try {
      for (Path dir : List.of(options.confDir(), options.logsDir(), options.checkpointsDir(),
          options.savepointsDir(), options.baseDir().resolve("uploads"),
          options.baseDir().resolve("tmp"))) {
        Files.createDirectories(dir);
      }
      Files.writeString(options.confDir().resolve("config.yaml"), FlinkConfig.yaml(conf),
          StandardCharsets.UTF_8);
      Files.writeString(options.confDir().resolve("log4j.properties"), FlinkConfig.log4j(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ClusterException("cannot write Flink's configuration under "
          + options.baseDir() + ": " + e, e);
    }
  }

  public FlinkClusterOptions options() {
    return options;
  }

  public String restUrl() {
    return options.restUrl();
  }

  public ServerProcess jobManager() {
    return jobManager;
  }

  /** The TaskManagers started so far, killed ones included, in start order. */
  public synchronized List<ServerProcess> taskManagers() {
    return List.copyOf(taskManagers);
  }

  /** Stops the TaskManagers, then the JobManager; each removes its state file. */
  @Override
  public synchronized void close() {
    PlatformException first = null;
    for (ServerProcess tm : taskManagers) {
      try {
        tm.close();
      } catch (PlatformException e) {
        first = first == null ? e : first;
      }
    }
    if (jobManager != null) {
      jobManager.close();
    }
    if (first != null) {
      throw first;
    }
  }
}
