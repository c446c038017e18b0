package io.challengeradar.app;

import io.challengeradar.infra.RadarHome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;

/**
 * Keeps the console for the product. Libraries log through slf4j (Flink, Kafka, DJL, Netty),
 * java.util.logging (ONNX Runtime; the Elasticsearch REST client through commons-logging) or
 * log4j; all of it ends in log4j, which {@link #install} points at one file per process under the
 * radar home's logs folder. Only the product's own warnings and errors (loggers under
 * {@code io.challengeradar}) also reach stderr, one line each without a stack trace; the full
 * record, trace included, is in the file.
 *
 * <p>A JVM on this class path that never installs it (a Kafka broker the platform starts, a unit
 * test) keeps {@code log4j2.xml}: warnings and errors on stderr, which the platform sends to the
 * server's own console log.
 */
public final class CliLogging {
  /** The file to log to, when a parent process chose it (the demo's serving tier and API). */
  public static final String FILE_PROPERTY = "radar.log.file";
  /** The radar home's folder of log files. */
  public static final String LOGS_DIR = "logs";
  /** The configuration {@link #install} applies. */
  static final String CONFIGURATION = "radar-log4j2.xml";
  /** The file that configuration writes to, set by {@link #install}. */
  static final String ACTIVE_FILE_PROPERTY = "radar.log.active";

  private CliLogging() {}

  /**
   * Where {@code process}'s logs go: {@value #FILE_PROPERTY} when a parent process set it, else
   * {@code <radar home>/logs/<process>.log}.
   */
  public static Path fileFor(String process) {
    String given = System.getProperty(FILE_PROPERTY);
    if (given != null && !given.isBlank()) {
      return Path.of(given).toAbsolutePath();
    }
    return defaultFileFor(process);
  }

  /** {@code <radar home>/logs/<process>.log}: where a process logs unless its parent says. */
  public static Path defaultFileFor(String process) {
    return RadarHome.resolve().resolve(LOGS_DIR).resolve(process + ".log");
  }

  /**
   * Sends every library's logging of this process to {@link #fileFor}{@code (process)} and names
   * the file on {@code console} in one line. A file this process chose starts empty, so it holds
   * this run alone; a file a parent chose is appended to, as the parent also writes the child's
   * console there. Created on the first record, so a command that logs nothing leaves none.
   *
   * @return the log file
   */
  public static Path install(String process, PrintStream console) {
    Path file = fileFor(process);
    try {
      if (System.getProperty(FILE_PROPERTY) == null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace the log file " + file, e);
    }
    System.setProperty(ACTIVE_FILE_PROPERTY, file.toString());
    URL configuration = CliLogging.class.getClassLoader().getResource(CONFIGURATION);
    if (configuration == null) {
      throw new IllegalStateException(CONFIGURATION + " is missing from the class path");
    }
    try {
      Configurator.reconfigure(configuration.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read " + configuration, e);
    }
    // java.util.logging prints INFO and above on stderr by default; hand it to log4j instead,
    // with the levels log4j's configuration gives each logger.
    Log4jBridgeHandler.install(true, null, true);
    console.println("radar: library logs (Flink, Kafka, Elasticsearch client, models) in " + file);
    return file;
  }
}
