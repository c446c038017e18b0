package io.challengeradar.app;

import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.KafkaOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import io.challengeradar.infra.ServerProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
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
      "Files live in .radar/ under the project root."
    })
public final class UpCommand implements Callable<Integer> {
  // A server stopped by `radar down` (SIGTERM) exits with 128 + 15.
  private static final int SIGTERM_EXIT = 143;

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Elasticsearch's HTTP port (default: ${DEFAULT-VALUE}).")
  int port = ElasticsearchOptions.DEFAULT_HTTP_PORT;

  @Option(names = "--heap-mb", paramLabel = "MIB",
      description = "Elasticsearch's JVM heap in MiB (default: ${DEFAULT-VALUE}).")
  int heapMb = ElasticsearchOptions.DEFAULT_HEAP_MB;

  @Option(names = "--kafka", description = "Also start a Kafka broker (KRaft, one node).")
  boolean kafka;

  @Option(names = "--kafka-port", paramLabel = "PORT",
      description = "Kafka's client port (default: ${DEFAULT-VALUE}).")
  int kafkaPort = KafkaOptions.DEFAULT_PORT;

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
    } catch (IllegalArgumentException | PlatformException e) {
      err.println("radar up: " + e.getMessage());
      return 2;
    }
    err.println("radar: starting Elasticsearch on port " + port
        + (kafka ? " and Kafka on port " + kafkaPort : "") + "...");
    err.flush();
    RunningPlatform platform;
    try {
      platform = LocalPlatform.start(options, System.err);
    } catch (PlatformException e) {
      err.println("radar up: " + e.getMessage());
      return 1;
    }
    platform.describe().forEach(out::println);
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

  PlatformOptions options(Path home) {
    ElasticsearchOptions es = ElasticsearchOptions.defaults(home).withHttpPort(port).withHeapMb(heapMb);
    PlatformOptions options = PlatformOptions.defaults(home).withElasticsearch(es);
    if (kafka) {
      options = options.withKafka(KafkaOptions.defaults(home).withPort(kafkaPort));
    } else if (kafkaPort != KafkaOptions.DEFAULT_PORT) {
      throw new IllegalArgumentException("--kafka-port needs --kafka");
    }
    return options.withStopOnExit(!detach);
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
