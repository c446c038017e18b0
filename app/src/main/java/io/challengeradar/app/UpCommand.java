package io.challengeradar.app;

import io.challengeradar.config.Config;
import io.challengeradar.infra.ElasticsearchSecurity;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.PlatformSettings;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import io.challengeradar.infra.ServerProcess;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar up}: a real Elasticsearch (and Kafka) on this machine, until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local platform: a real Elasticsearch with the index templates installed and,"
          + " with --kafka, a Kafka broker. Stays in the foreground until Ctrl-C (which stops"
          + " everything) unless --detach; `radar down` stops a detached platform.",
      "Files live in .radar/ under the project root. Every setting can also come from a"
          + " --config file, its RADAR_PLATFORM_* environment variable or --set key=value; see"
          + " docs/configuration.md."
    })
public final class UpCommand implements Callable<Integer> {
  // A server stopped by `radar down` (SIGTERM) exits with 128 + 15.
  private static final int SIGTERM_EXIT = 143;

  @Spec CommandSpec spec;

  @Mixin SettingsFlags flags = new SettingsFlags();

  @Option(names = "--port", paramLabel = "PORT",
      description = "Elasticsearch's HTTP port (platform.elasticsearch.port).")
  String port;

  @Option(names = "--heap-mb", paramLabel = "MIB",
      description = "Elasticsearch's JVM heap in MiB (platform.elasticsearch.heap-mb).")
  String heapMb;

  @Option(names = "--kafka", description = "Also start a Kafka broker (KRaft, one node;"
      + " platform.kafka.enabled).")
  boolean kafka;

  @Option(names = "--kafka-port", paramLabel = "PORT",
      description = "Kafka's client port (platform.kafka.port).")
  String kafkaPort;

  @Option(names = "--secure", description = "Elasticsearch with security on, as a real"
      + " deployment runs it: TLS on HTTP with a CA made here and a file-realm user; prints where"
      + " the CA and the credentials file are (platform.elasticsearch.secure).")
  boolean secure;

  @Option(names = "--detach",
      description = "Leave the servers running and return; `radar down` stops them.")
  boolean detach;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PlatformOptions options;
    try {
      options = options(RadarHome.resolve());
    } catch (IllegalArgumentException | UncheckedIOException | PlatformException e) {
      err.println("radar up: " + e.getMessage());
      return 2;
    }
    err.println("radar: starting Elasticsearch on port " + options.elasticsearch().httpPort()
        + options.kafka().map(k -> " and Kafka on port " + k.port()).orElse("") + "...");
    err.flush();
    RunningPlatform platform;
    try {
      platform = LocalPlatform.start(options, System.err);
    } catch (PlatformException e) {
      err.println("radar up: " + e.getMessage());
      return 1;
    }
    platform.describe().forEach(out::println);
    if (options.elasticsearch().secure()) {
      ElasticsearchSecurity security = options.elasticsearch().security();
      out.println("Security on: https with the CA " + security.caFile() + ", user "
          + ElasticsearchSecurity.USER + "; the URL, CA and credentials are in "
          + security.clientFile() + " (owner-only), for any radar command's --config FILE.");
    }
    if (detach) {
      platform.connection().close();
      out.println("Left running. `radar status` shows it, `radar down` stops it.");
      out.flush();
      return 0;
    }
    out.println("Running. Ctrl-C stops everything.");
    out.flush();
    return waitUntilAServerExits(platform, err);
  }

  /** The platform's settings: defaults, {@code --config}, {@code RADAR_PLATFORM_*}, then the flags. */
  Config settings() {
    Config settings = flags.load(flags.loader("platform")
        .flag(PlatformSettings.ES_PORT.key(), port, "--port")
        .flag(PlatformSettings.ES_HEAP_MB.key(), heapMb, "--heap-mb")
        .flag(PlatformSettings.KAFKA.key(), kafka ? "true" : null, "--kafka")
        .flag(PlatformSettings.ES_SECURE.key(), secure ? "true" : null, "--secure")
        .flag(PlatformSettings.KAFKA_PORT.key(), kafkaPort, "--kafka-port"));
    if (kafkaPort != null && !settings.get(PlatformSettings.KAFKA)) {
      throw new IllegalArgumentException("--kafka-port needs --kafka");
    }
    return settings;
  }

  PlatformOptions options(Path home) {
    return PlatformOptions.from(settings(), home).withStopOnExit(!detach);
  }

  /**
   * Blocks until Ctrl-C (the servers' shutdown hooks stop them) or until a server exits on its own
   * (crash, or `radar down` from another terminal); then stops the rest.
   */
  private static int waitUntilAServerExits(RunningPlatform platform, PrintWriter err)
      throws InterruptedException {
    List<CompletableFuture<?>> exits = new ArrayList<>();
    List<ServerProcess> servers = new ArrayList<>();
    servers.add(platform.elasticsearch().process());
    platform.kafka().ifPresent(k -> servers.add(k.process()));
    for (ServerProcess server : servers) {
      exits.add(server.handle().onExit());
    }
    try {
      CompletableFuture.anyOf(exits.toArray(new CompletableFuture<?>[0])).get();
    } catch (java.util.concurrent.ExecutionException e) {
      // onExit never completes exceptionally; fall through to report what exited.
    }
    boolean clean = true;
    for (ServerProcess server : servers) {
      Integer code = server.exitCode().orElse(null);
      if (code != null) {
        err.println("radar: " + server.name() + " (pid " + server.pid() + ") exited with code "
            + code + "; stopping the rest");
        clean &= code == 0 || code == SIGTERM_EXIT;
      }
    }
    err.flush();
    platform.close();
    return clean ? 0 : 1;
  }
}
