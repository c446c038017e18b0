package io.challengeradar.app;

import io.challengeradar.cluster.ClusterControl;
import io.challengeradar.cluster.ClusterException;
import io.challengeradar.cluster.ClusterSettings;
import io.challengeradar.cluster.FlinkCluster;
import io.challengeradar.cluster.FlinkClusterOptions;
import io.challengeradar.cluster.LocalCluster;
import io.challengeradar.infra.KafkaCluster;
import io.challengeradar.config.Config;
import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.ServerProcess;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar cluster up|status|down}: a real Flink session cluster on this machine. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "A real Flink session cluster on this machine: one JobManager (REST endpoint and"
        + " web UI) and N TaskManagers, each its own JVM; with --es-nodes and --kafka-brokers"
        + " also a multi-node Elasticsearch and a multi-broker Kafka, each node its own process"
        + " (otherwise `radar up --kafka --detach` gives it one of each). `radar submit` runs the"
        + " job on it. See docs/cluster.md.",
    subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class,
        ClusterCommand.Down.class})
public final class ClusterCommand {

  /** {@code radar cluster up}. */
  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Start the Elasticsearch nodes and Kafka brokers asked for, then the"
          + " JobManager and the TaskManagers; stays in the foreground until Ctrl-C (which stops"
          + " them all) unless --detach.")
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin SettingsFlags flags = new SettingsFlags();

    @Option(names = "--taskmanagers", paramLabel = "N",
        description = "How many TaskManagers (cluster.taskmanagers).")
    String taskManagers;

    @Option(names = "--slots", paramLabel = "N",
        description = "Task slots per TaskManager (cluster.taskmanager.slots).")
    String slots;

    @Option(names = "--es-nodes", paramLabel = "N",
        description = "Also start an Elasticsearch of N nodes, one process each, replicas 1"
            + " from two nodes (cluster.elasticsearch.nodes; first HTTP port"
            + " cluster.elasticsearch.port, 9200).")
    String esNodes;

    @Option(names = "--kafka-brokers", paramLabel = "N",
        description = "Also start a KRaft Kafka of N brokers, one process each, and from two"
            + " brokers its controllers as processes of their own (3 from three brokers, else 1);"
            + " with three, topics get 3 replicas and min.insync.replicas 2"
            + " (cluster.kafka.brokers; first port cluster.kafka.port, 9092).")
    String kafkaBrokers;

    @Option(names = "--port", paramLabel = "PORT",
        description = "The REST port and web UI (cluster.flink.rest-port).")
    String port;

    @Option(names = "--detach", description = "Leave the cluster running and return; `radar"
        + " cluster down` stops it.")
    boolean detach;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Config config;
      FlinkClusterOptions options;
      try {
        config = flags.load(flags.loader("cluster")
            .flag(ClusterSettings.TASKMANAGERS.key(), taskManagers, "--taskmanagers")
            .flag(ClusterSettings.SLOTS.key(), slots, "--slots")
            .flag(ClusterSettings.REST_PORT.key(), port, "--port")
            .flag(ClusterSettings.ES_NODES.key(), esNodes, "--es-nodes")
            .flag(ClusterSettings.KAFKA_BROKERS.key(), kafkaBrokers, "--kafka-brokers"));
        options = FlinkClusterOptions.from(config, RadarHome.resolve());
      } catch (IllegalArgumentException | ClusterException e) {
        err.println("radar cluster up: " + e.getMessage());
        return 2;
      }
      err.flush();
      LocalCluster cluster;
      try {
        cluster = LocalCluster.start(config, RadarHome.resolve(), !detach, System.err);
      } catch (PlatformException | ClusterException e) {
        err.println("radar cluster up: " + e.getMessage());
        return 1;
      }
      FlinkCluster flink = cluster.flink();
      cluster.describe().forEach(out::println);
      out.println("Flink web UI and REST: " + flink.restUrl());
      out.println("  config " + options.confDir().resolve("config.yaml"));
      out.println("  logs   " + options.logsDir());
      out.println("  checkpoints " + options.checkpointsDir() + ", savepoints "
          + options.savepointsDir());
      out.println("Submit the job: ./radar submit --cluster " + flink.restUrl()
          + " --kafka " + cluster.kafka().map(KafkaCluster::bootstrap).orElse("localhost:9092")
          + " --es " + cluster.elasticsearch().map(e -> String.join(",", e.urls()))
              .orElse("http://localhost:9200"));
      if (detach) {
        out.println("Left running. `radar cluster status` shows it, `radar cluster down` stops"
            + " it.");
        out.flush();
        return 0;
      }
      out.println("Running. Ctrl-C stops the cluster.");
      out.flush();
      return waitUntilAProcessExits(cluster, err);
    }

    /**
     * Blocks until Ctrl-C (the processes' shutdown hooks stop them) or until the JobManager, a
     * broker or an Elasticsearch node exits on its own; then stops the rest. A TaskManager that
     * dies is Flink's to handle, as on any cluster.
     */
    private static int waitUntilAProcessExits(LocalCluster cluster, PrintWriter err)
        throws InterruptedException {
      List<ServerProcess> watched = cluster.processes().stream()
          .filter(p -> !cluster.flink().taskManagers().contains(p)).toList();
      try {
        CompletableFuture.anyOf(watched.stream().map(p -> p.handle().onExit())
            .toArray(CompletableFuture<?>[]::new)).get();
      } catch (java.util.concurrent.ExecutionException e) {
        // onExit never completes exceptionally.
      }
      for (ServerProcess p : watched) {
        p.exitCode().ifPresent(code -> err.println("radar: " + p.name() + " (pid " + p.pid()
            + ") exited with code " + code + "; stopping the rest"));
      }
      err.flush();
      cluster.close();
      return 1;
    }
  }

  /** {@code radar cluster status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "The cluster's processes, TaskManagers, slots and jobs.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ClusterControl.status(RadarHome.resolve()).forEach(out::println);
      return 0;
    }
  }

  /** {@code radar cluster down}. */
  @Command(name = "down", mixinStandardHelpOptions = true,
      description = "Stop the cluster's TaskManagers, its JobManager, the Kafka brokers, the"
          + " Kafka controllers, then the Elasticsearch nodes (SIGTERM, then kill after"
          + " cluster.stop-timeout).")
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      var home = RadarHome.resolve();
      try {
        List<String> stopped = ClusterControl.down(home,
            ClusterSettings.STOP_TIMEOUT.defaultValue());
        if (stopped.isEmpty()) {
          out.println("Nothing to stop: no cluster process recorded under " + home);
        }
        stopped.forEach(out::println);
        return 0;
      } catch (PlatformException | ClusterException e) {
        spec.commandLine().getErr().println("radar cluster down: " + e.getMessage());
        return 1;
      }
    }
  }
}
