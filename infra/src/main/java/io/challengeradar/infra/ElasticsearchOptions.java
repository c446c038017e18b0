package io.challengeradar.infra;

import io.challengeradar.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides how the local Elasticsearch runs; {@link PlatformSettings} defines the
 * settings among them.
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
 * @param secure TLS on HTTP and a file-realm user ({@link ElasticsearchSecurity}); off: plain
 *     HTTP without authentication, for development on loopback
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
    boolean stopOnExit,
    boolean secure) {

  public static final int TRANSPORT_PORT_OFFSET = 100;
  public static final int MIN_HEAP_MB = 128;
  /** The base folder's name under the radar home (.radar). */
  public static final String DIR_NAME = "elasticsearch";

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
    return from(PlatformSettings.defaults(), radarHome);
  }

  /** The options {@code settings} describe, under {@code radarHome}, with the built distribution. */
  public static ElasticsearchOptions from(Config settings, Path radarHome) {
    return from(settings, radarHome, ElasticsearchDistribution.locate());
  }

  /** The options {@code settings} describe, under {@code radarHome}, with a given distribution. */
  public static ElasticsearchOptions from(Config settings, Path radarHome, Path distribution) {
    String staging = settings.get(PlatformSettings.ES_STAGING_ROOT);
    return new ElasticsearchOptions(
        settings.get(PlatformSettings.ES_PORT),
        settings.get(PlatformSettings.ES_TRANSPORT_PORT),
        radarHome.resolve(DIR_NAME),
        distribution,
        settings.get(PlatformSettings.ES_HEAP_MB),
        settings.get(PlatformSettings.ES_STARTUP_TIMEOUT),
        settings.get(PlatformSettings.ES_STOP_TIMEOUT),
        settings.get(PlatformSettings.ES_SERVICE_USER),
        Path.of(staging != null ? staging : System.getProperty("java.io.tmpdir")),
        true,
        settings.get(PlatformSettings.ES_SECURE));
  }

  public ElasticsearchOptions withHttpPort(int port) {
    return new ElasticsearchOptions(port, transportPort, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit, secure);
  }

  public ElasticsearchOptions withTransportPort(int port) {
    return new ElasticsearchOptions(httpPort, port, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit, secure);
  }

  public ElasticsearchOptions withStartupTimeout(Duration timeout) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, heapMb,
        timeout, stopTimeout, serviceUser, stagingRoot, stopOnExit, secure);
  }

  public ElasticsearchOptions withHeapMb(int mb) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, mb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit, secure);
  }

  public ElasticsearchOptions withBaseDir(Path dir) {
    return new ElasticsearchOptions(httpPort, transportPort, dir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit, secure);
  }

  /** Whether the server stops with this JVM: a run mode ({@code radar up --detach}), not a setting. */
  public ElasticsearchOptions withStopOnExit(boolean stop) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stop, secure);
  }

  /** TLS and a user on ({@code radar up --secure}) or off. */
  public ElasticsearchOptions withSecure(boolean on) {
    return new ElasticsearchOptions(httpPort, transportPort, baseDir, distribution, heapMb,
        startupTimeout, stopTimeout, serviceUser, stagingRoot, stopOnExit, on);
  }

  /** The URL clients use. 127.0.0.1, not localhost: the server binds IPv4 loopback only. */
  public String url() {
    return (secure ? "https" : "http") + "://127.0.0.1:" + httpPort;
  }

  /** The CA, certificates and credentials of the secure mode, under the base folder. */
  public ElasticsearchSecurity security() {
    return ElasticsearchSecurity.under(baseDir);
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
