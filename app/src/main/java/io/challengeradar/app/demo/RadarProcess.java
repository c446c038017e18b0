package io.challengeradar.app.demo;

import io.challengeradar.app.CliLogging;
import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another {@code radar} command ({@code serve}, {@code api}) run as its own JVM, as the platform
 * runs it in production: the demo starts it with this JVM's class path, waits for its health
 * answer and stops it with SIGTERM at the end. Its output and its library logs go to one file,
 * {@link #logFile}, under the radar home's logs folder.
 */
public final class RadarProcess implements AutoCloseable {
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(15);

  private final ServerProcess process;
  private final URI baseUri;

  private RadarProcess(ServerProcess process, URI baseUri) {
    this.process = process;
    this.baseUri = baseUri;
  }

  /**
   * Starts {@code radar <arguments>} and waits until {@code GET healthPath} answers 200.
   *
   * @param name the service's name, for messages and its log file
   * @param port the port the command is told to listen on (refused when already taken)
   * @param environment extra environment variables (API keys, say)
   */
  public static RadarProcess start(String name, int port, List<String> arguments, String healthPath,
      Map<String, String> environment) {
    if (!Ports.isFree(port)) {
      throw new PlatformException(name + ": port " + port + " is taken; choose another with the"
          + " demo's --" + name + "-port option");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    for (String property : List.of("radar.home", "offline", "DJL_CACHE_DIR")) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    Path log = logFile(name);
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new PlatformException(name + ": cannot replace its log " + log + ": " + e, e);
    }
    // One file per process: the child's library logs go where its console goes.
    command.add("-D" + CliLogging.FILE_PROPERTY + "=" + log);
    command.add("io.challengeradar.app.Radar");
    command.addAll(arguments);
    ServerProcess p = ServerProcess.spawn(
        new ServerProcess.Spec(name, command, environment, Path.of("").toAbsolutePath(), log,
            List.of()),
        DEFAULT_STOP_TIMEOUT, true);
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(base.resolve(healthPath))
        .timeout(Duration.ofSeconds(2)).GET().build();
    p.awaitReady(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200,
        DEFAULT_START_TIMEOUT);
    return new RadarProcess(p, base);
  }

  /** The file that collects the output and the library logs of the service {@code name}. */
  public static Path logFile(String name) {
    return CliLogging.defaultFileFor(name);
  }

  public URI baseUri() {
    return baseUri;
  }

  public long pid() {
    return process.pid();
  }

  /** Stops it now (SIGTERM, then a kill after the grace period); restartable by a new start. */
  @Override
  public void close() {
    process.close();
  }
}
