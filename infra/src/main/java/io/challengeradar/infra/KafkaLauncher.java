package io.challengeradar.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Runs a real KRaft Kafka node as a child JVM on this JVM's class path: formats its storage on
 * first use, starts it, waits until it answers, and stops it on {@link #close()} or when the JVM
 * exits. Alone (broker and controller in one node), or a broker or a controller of a
 * {@link KafkaCluster}. Kafka does not mind root, so it runs as the current user.
 */
public final class KafkaLauncher implements AutoCloseable {
  public static final String SERVER_NAME = "kafka";
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaOptions options;
  private final KafkaQuorum givenQuorum;
  private final PrintStream notices;
  private ServerProcess process;
  private KafkaQuorum quorum;
  private int controllerPort;

  public KafkaLauncher(KafkaOptions options, PrintStream notices) {
    this(options, null, notices);
  }

  /**
   * A launcher for node {@code quorum.nodeId()} of a quorum, in the role it gives; null: a node
   * on its own, broker and controller, its controller port derived at start. A controller-only
   * node listens on {@code options.port()}, which must be its voter port.
   */
  public KafkaLauncher(KafkaOptions options, KafkaQuorum quorum, PrintStream notices) {
    this.options = Objects.requireNonNull(options, "options");
    this.givenQuorum = quorum;
    if (quorum != null && quorum.role() == KafkaQuorum.Role.CONTROLLER
        && quorum.controllerPort() != options.port()) {
      throw new IllegalArgumentException("a controller listens on its voter port "
          + quorum.controllerPort() + ", not " + options.port());
    }
    this.notices = Objects.requireNonNull(notices, "notices");
  }

  /** Starts the node and returns once it answers a cluster description. */
  public synchronized KafkaLauncher start() {
    spawn();
    awaitAnswer();
    return this;
  }

  /**
   * Starts the process without waiting: a node of a quorum answers only once a majority of the
   * controllers runs, so a cluster spawns every node first, then waits on each.
   */
  synchronized void spawn() {
    if (process != null) {
      throw new IllegalStateException("already started (pid " + process.pid() + ")");
    }
    ServerProcess.checkCanStart(givenQuorum == null ? "Kafka" : "Kafka " + nodeName(),
        options.stateFile(), options.port());
    if (givenQuorum == null) {
      controllerPort = options.controllerPort() != 0 ? options.controllerPort()
          : Ports.preferredOrAnyFree(options.port() + 1);
      quorum = KafkaQuorum.single(controllerPort);
    } else {
      quorum = givenQuorum;
      controllerPort = quorum.role().isController() ? quorum.controllerPort() : 0;
    }
    if (quorum.role() == KafkaQuorum.Role.COMBINED && !Ports.isFree(controllerPort)) {
      throw new PortTakenException("Kafka's controller", controllerPort);
    }
    Path logs = options.logsDir();
    try {
      Files.createDirectories(options.dataDir());
      Files.createDirectories(logs);
      Files.writeString(options.serverProperties(),
          KafkaConfig.toProperties(KafkaConfig.render(options, quorum)),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PlatformException("cannot prepare Kafka's files in " + options.baseDir() + ": "
          + e, e);
    }
    formatStorageOnce();

    ServerProcess.Spec spec = new ServerProcess.Spec(
        serverName(), javaCommand("kafka.Kafka", options.serverProperties().toString()),
        Map.of(), options.baseDir(), logs.resolve("console.log"), List.of());
    process = ServerProcess.spawn(spec, options.stopTimeout(), options.stopOnExit());
    Path stateFile = options.stateFile();
    process.onStopped(() -> StateFile.delete(stateFile));
    StateFile.of(serverName(), process.handle(), bootstrap(), options.port(), options.dataDir(),
        logs, RunAs.currentUser()).write(stateFile);
  }

  /** Waits until the node answers a cluster description (stopping it on failure). */
  synchronized void awaitAnswer() {
    process.awaitReady(this::answers, options.startupTimeout());
  }

  /** The name in the state file: the server's, with the node's role and number in a cluster. */
  private String serverName() {
    return givenQuorum == null ? SERVER_NAME : SERVER_NAME + " " + nodeName();
  }

  /** "broker 2", "controller 1": a cluster's node, numbered as its folder is. */
  private String nodeName() {
    return givenQuorum.role() == KafkaQuorum.Role.CONTROLLER
        ? "controller " + givenQuorum.controllerNumber()
        : "broker " + givenQuorum.nodeId();
  }

  /** Formats the KRaft storage with a fresh cluster id, unless an earlier start already did. */
  private void formatStorageOnce() {
    if (Files.exists(options.dataDir().resolve("meta.properties"))) {
      return;
    }
    String clusterId = quorum.clusterId() != null ? quorum.clusterId()
        : Uuid.randomUuid().toString();
    Path log = options.logsDir().resolve("format.log");
    List<String> command = javaCommand(
        "kafka.tools.StorageTool", "format", "--cluster-id", clusterId,
        "--config", options.serverProperties().toString(), "--ignore-formatted");
    try {
      Process format = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
          .start();
      if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        format.destroyForcibly();
        throw new PlatformException("formatting Kafka's storage took over "
            + FORMAT_TIMEOUT.toSeconds() + " s\n" + String.join("\n", ServerProcess.tail(log, 40)));
      }
      if (format.exitValue() != 0) {
        throw new PlatformException("formatting Kafka's storage failed (exit "
            + format.exitValue() + ")\n" + String.join("\n", ServerProcess.tail(log, 40)));
      }
    } catch (IOException e) {
      throw new PlatformException("cannot run Kafka's storage tool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while formatting Kafka's storage", e);
    }
    notices.println("radar: formatted Kafka storage in " + options.dataDir()
        + " (cluster id " + clusterId + ")");
  }

  private List<String> javaCommand(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + options.heapMb() + "m");
    command.add("-Xmx" + options.heapMb() + "m");
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(options.classPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private boolean answers() throws Exception {
    // Connecting before the port listens makes the admin client log warnings; check first.
    if (!Ports.isListening(options.port())) {
      return false;
    }
    return quorum.role() == KafkaQuorum.Role.CONTROLLER
        ? controllerReachable(bootstrap(), Duration.ofSeconds(3))
        : reachable(bootstrap(), Duration.ofSeconds(3));
  }

  /** True when a broker at {@code bootstrap} describes its cluster within {@code timeout}. */
  public static boolean reachable(String bootstrap, Duration timeout) {
    return describes(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, timeout);
  }

  /**
   * True when a controller at {@code address} describes its cluster within {@code timeout}
   * (through bootstrap.controllers: a controller has no client listener).
   */
  public static boolean controllerReachable(String address, Duration timeout) {
    return describes(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, address, timeout);
  }

  /** An admin client's settings: {@code address} under {@code bootstrapKey}, both timeouts. */
  static Properties adminProperties(String bootstrapKey, String address, Duration timeout) {
    Properties props = new Properties();
    props.put(bootstrapKey, address);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return props;
  }

  private static boolean describes(String bootstrapKey, String address, Duration timeout) {
    try (Admin admin = Admin.create(adminProperties(bootstrapKey, address, timeout))) {
      admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  public String bootstrap() {
    return options.bootstrap();
  }

  public KafkaOptions options() {
    return options;
  }

  /** The node's controller port; 0 for a broker-only node. */
  public int controllerPort() {
    return controllerPort;
  }

  public ServerProcess process() {
    if (process == null) {
      throw new IllegalStateException("not started");
    }
    return process;
  }

  /** Stops the node (SIGTERM, then kill after the stop timeout) and removes the state file. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
    }
  }
}
