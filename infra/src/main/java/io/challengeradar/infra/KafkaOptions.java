package io.challengeradar.infra;

import io.challengeradar.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides how one local KRaft node runs: {@code radar up}'s broker (broker and
 * controller in one), or a broker or a controller of a {@link KafkaCluster};
 * {@link PlatformSettings} defines the settings among them.
 *
 * @param port the client (PLAINTEXT) port, loopback only; a controller-only node's controller port
 * @param controllerPort the KRaft controller port; 0 derives it: port + 1, or any free port when
 *     that one is busy
 * @param baseDir the folder for data (log.dirs), logs, server.properties and the state file
 * @param heapMb the broker JVM's heap (both -Xms and -Xmx), in MiB
 * @param startupTimeout how long to wait for the broker to answer
 * @param stopTimeout how long SIGTERM may take before the process is killed
 * @param classPath the broker JVM's class path; it must hold kafka_2.13 and its dependencies
 * @param stopOnExit stop the broker when this JVM exits (false for {@code radar up --detach})
 */
public record KafkaOptions(
    int port,
    int controllerPort,
    Path baseDir,
    int heapMb,
    Duration startupTimeout,
    Duration stopTimeout,
    String classPath,
    boolean stopOnExit) {

  public static final int MIN_HEAP_MB = 128;
  /** The base folder's name under the radar home (.radar). */
  public static final String DIR_NAME = "kafka";

  public KafkaOptions {
    Ports.checkPort("port", port);
    if (controllerPort != 0) {
      Ports.checkPort("controllerPort", controllerPort);
      if (controllerPort == port) {
        throw new IllegalArgumentException("controllerPort must differ from port, both are " + port);
      }
    }
    Objects.requireNonNull(baseDir, "baseDir");
    if (heapMb < MIN_HEAP_MB) {
      throw new IllegalArgumentException(
          "heapMb must be at least " + MIN_HEAP_MB + " (MiB), got " + heapMb);
    }
    ElasticsearchOptions.checkPositive("startupTimeout", startupTimeout);
    ElasticsearchOptions.checkPositive("stopTimeout", stopTimeout);
    Objects.requireNonNull(classPath, "classPath");
    if (classPath.isBlank()) {
      throw new IllegalArgumentException("classPath must not be blank");
    }
  }

  /** Defaults under {@code radarHome}, the broker on this JVM's class path. */
  public static KafkaOptions defaults(Path radarHome) {
    return from(PlatformSettings.defaults(), radarHome);
  }

  /** The options {@code settings} describe, under {@code radarHome}, on this JVM's class path. */
  public static KafkaOptions from(Config settings, Path radarHome) {
    return new KafkaOptions(
        settings.get(PlatformSettings.KAFKA_PORT),
        settings.get(PlatformSettings.KAFKA_CONTROLLER_PORT),
        radarHome.resolve(DIR_NAME),
        settings.get(PlatformSettings.KAFKA_HEAP_MB),
        settings.get(PlatformSettings.KAFKA_STARTUP_TIMEOUT),
        settings.get(PlatformSettings.KAFKA_STOP_TIMEOUT),
        System.getProperty("java.class.path"),
        true);
  }

  public KafkaOptions withPort(int newPort) {
    return new KafkaOptions(newPort, controllerPort, baseDir, heapMb, startupTimeout,
        stopTimeout, classPath, stopOnExit);
  }

  public KafkaOptions withControllerPort(int newPort) {
    return new KafkaOptions(port, newPort, baseDir, heapMb, startupTimeout, stopTimeout,
        classPath, stopOnExit);
  }

  public KafkaOptions withStartupTimeout(Duration timeout) {
    return new KafkaOptions(port, controllerPort, baseDir, heapMb, timeout, stopTimeout,
        classPath, stopOnExit);
  }

  public KafkaOptions withHeapMb(int mb) {
    return new KafkaOptions(port, controllerPort, baseDir, mb, startupTimeout, stopTimeout,
        classPath, stopOnExit);
  }

  public KafkaOptions withBaseDir(Path dir) {
    return new KafkaOptions(port, controllerPort, dir, heapMb, startupTimeout, stopTimeout,
        classPath, stopOnExit);
  }

  /** Whether the broker stops with this JVM: a run mode ({@code radar up --detach}), not a setting. */
  public KafkaOptions withStopOnExit(boolean stop) {
    return new KafkaOptions(port, controllerPort, baseDir, heapMb, startupTimeout, stopTimeout,
        classPath, stop);
  }

  /** The bootstrap address clients use. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public Path dataDir() {
    return baseDir.resolve("data");
  }

  public Path logsDir() {
    return baseDir.resolve("logs");
  }

  public Path stateFile() {
    return baseDir.resolve(StateFile.FILE_NAME);
  }

  public Path serverProperties() {
    return baseDir.resolve("server.properties");
  }
}
