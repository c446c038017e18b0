package io.challengeradar.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides how the local Elasticsearch runs.
 *
 * @param httpPort the REST port (loopback only)
 * @param transportPort the node-to-node port; 0 derives it: httpPort + {@value
 *     #TRANSPORT_PORT_OFFSET}, or any free port when that one is busy
 * @param baseDir the project-local folder for the state file and, unless staged, data and logs
 * @param distribution the unpacked distribution to copy the server's home from
 * @param heapMb the JVM heap (both -Xms and -Xmx), in MiB
 * @param startupTimeout how long to wait for the cluster to become yellow or green
 * @param stopTimeout how long SIGTERM may take before the process is killed
 * @param serviceUser the user to drop to when started by root
 * @param stagingRoot where to stage home, data and logs when the service user cannot reach
 *     baseDir
 * @param stopOnExit stop the server when this JVM exits (false for {@code radar up --detach})
 */
public record ElasticsearchOptions(
    int httpPort,
    int transportPort,
    Path baseDir,
    Path distribution,
    int heapMb,
    Duration startupTimeout,
    Duration stopTimeout,
    String serviceUser,
    Path stagingRoot,
    boolean stopOnExit) {

  public static final int DEFAULT_HTTP_PORT = 9200;
  public static final int TRANSPORT_PORT_OFFSET = 100;
  public static final int DEFAULT_HEAP_MB = 512;
  public static final int MIN_HEAP_MB = 128;
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
  /** The base folder's name under the radar home (.radar). */
  public static final String DEFAULT_DIR_NAME = "elasticsearch";

  public ElasticsearchOptions {
    Ports.checkPort("httpPort", httpPort);
    if (transportPort != 0) {
      Ports.checkPort("transportPort", transportPort);
      if (transportPort == httpPort) {
        throw new IllegalArgumentException(
            "transportPort must differ from httpPort, both are " + httpPort);
      }
    }
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(distribution, "distribution");
    if (heapMb < MIN_HEAP_MB) {
      throw new IllegalArgumentException(
          "heapMb must be at least " + MIN_HEAP_MB + " (MiB), got " + heapMb);
    }
    checkPositive("startupTimeout", startupTimeout);
    checkPositive("stopTimeout", stopTimeout);
    RunAs.checkUserName(serviceUser);
    Objects.requireNonNull(stagingRoot, "stagingRoot");
  }

  /** Defaults under {@code radarHome} (the project's .radar folder) with the built distribution. */
  public static ElasticsearchOptions defaults(Path radarHome) {
    return defaults(radarHome, ElasticsearchDistribution.locate());
  }

  /** Defaults under {@code radarHome} with a given distribution. */
  public static ElasticsearchOptions defaults(Path radarHome, Path distribution) {
    return new ElasticsearchOptions(
        DEFAULT_HTTP_PORT, 0, radarHome.resolve(DEFAULT_DIR_NAME), distribution, DEFAULT_HEAP_MB,
        DEFAULT_STARTUP_TIMEOUT, DEFAULT_STOP_TIMEOUT, ServiceUser.DEFAULT_NAME,
        Path.of(System.getProperty("java.io.tmpdir")), true);
  }

  public ElasticsearchOptions withHttpPort(int port) {
    return new ElasticsearchOptions(port, transportPort, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit);
  }

  public ElasticsearchOptions withTransportPort(int port) {
    return new ElasticsearchOptions(httpPort, port, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit);
  }

  public ElasticsearchOptions withBaseDir(Path dir) {
    return new ElasticsearchOptions(httpPort, transportPort, dir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit);
  }

  public ElasticsearchOptions withHeapMb(int mb) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, mb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit);
  }

  public ElasticsearchOptions withStartupTimeout(Duration timeout) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, heapMb,
        timeout, stopTimeout, serviceUser, stagingRoot, stopOnExit);
  }

  public ElasticsearchOptions withStagingRoot(Path dir) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, dir, stopOnExit);
  }

  public ElasticsearchOptions withStopOnExit(boolean stop) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stop);
  }

  /** The URL clients use. 127.0.0.1, not localhost: the server binds IPv4 loopback only. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Where the state file of this base folder lives. */
  public Path stateFile() {
    return baseDir.resolve(StateFile.FILE_NAME);
  }

  static void checkPositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
