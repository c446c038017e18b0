package io.challengeradar.app;

import io.challengeradar.cluster.ClusterControl;
import io.challengeradar.cluster.ClusterException;
import io.challengeradar.cluster.ClusterSettings;
import io.challengeradar.cluster.FlinkCluster;
import io.challengeradar.cluster.FlinkClusterOptions;
import io.challengeradar.config.Config;
import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.ServerProcess;
import java.io.PrintWriter;
import java.util.ArrayList;
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
        + " web UI) and N TaskManagers, each its own JVM. `radar submit` runs the job on it;"
        + " `radar up --kafka --detach` gives it Elasticsearch and Kafka. See docs/cluster.md.",
    subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class,
        ClusterCommand.Down.class})
public final class ClusterCommand {

  /** {@code radar cluster up}. */
  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Start the JobManager and the TaskManagers; stays in the foreground until"
          + " Ctrl-C (which stops them) unless --detach.")
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin SettingsFlags flags = new SettingsFlags();

    @Option(names = "--taskmanagers", paramLabel = "N",
        description = "How many TaskManagers (cluster.taskmanagers).")
    String taskManagers;

    @Option(names = "--slots", paramLabel = "N",
        description = "Task slots per TaskManager (cluster.taskmanager.slots).")
    String slots;

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
      FlinkClusterOptions options;
      try {
        Config config = flags.load(flags.loader("cluster")
            .flag(ClusterSettings.TASKMANAGERS.key(), taskManagers, "--taskmanagers")
            .flag(ClusterSettings.SLOTS.key(), slots, "--slots")
            .flag(ClusterSettings.REST_PORT.key(), port, "--port"));
        options = FlinkClusterOptions.from(config, RadarHome.resolve()).withStopOnExit(!detach);
      } catch (IllegalArgumentException | ClusterException e) {
        err.println("radar cluster up: " + e.getMessage());
        return 2;
      }
      err.println("radar: starting a Flink session cluster: 1 JobManager, "
          + options.taskManagers() + " TaskManager(s) x " + options.slots() + " slot(s)...");
      err.flush();
      FlinkCluster cluster;
      try {
        cluster = new FlinkCluster(options, System.err).start();
      } catch (PlatformException | ClusterException e) {
        err.println("radar cluster up: " + e.getMessage());
        return 1;
      }
      out.println("Flink web UI and REST: " + cluster.restUrl());
      out.println("  config " + options.confDir().resolve("config.yaml"));
      out.println("  logs   " + options.logsDir());
      out.println("  checkpoints " + options.checkpointsDir() + ", savepoints "
          + options.savepointsDir());
      out.println("Submit the job: ./radar submit --cluster " + cluster.restUrl()
          + " --kafka localhost:9092 --es http://localhost:9200");
      if (detach) {
        out.println("Left running. `radar cluster status` shows it, `radar cluster down` stops"
            + " it.");
        out.flush();
        return 0;
      }
      out.println("Running. Ctrl-C stops the cluster.");
      out.flush();
      return waitUntilJobManagerExits(cluster, err);
    }

    private static int waitUntilJobManagerExits(FlinkCluster cluster, PrintWriter err)
        throws InterruptedException {
      List<CompletableFuture<?>> exits = new ArrayList<>();
      exits.add(cluster.jobManager().handle().onExit());
      try {
        CompletableFuture.anyOf(exits.toArray(new CompletableFuture<?>[0])).get();
      } catch (java.util.concurrent.ExecutionException e) {
        // onExit never completes exceptionally.
      }
      ServerProcess jm = cluster.jobManager();
      err.println("radar: Flink's JobManager (pid " + jm.pid() + ") exited with code "
          + jm.exitCode().orElse(-1) + "; stopping the TaskManagers");
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
      ClusterControl.status(RadarHome.resolve().resolve(FlinkClusterOptions.DIR_NAME))
          .forEach(out::println);
      return 0;
    }
  }

  /** {@code radar cluster down}. */
  @Command(name = "down", mixinStandardHelpOptions = true,
      description = "Stop the cluster's TaskManagers, then its JobManager (SIGTERM, then kill"
          + " after cluster.stop-timeout).")
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      var home = RadarHome.resolve().resolve(FlinkClusterOptions.DIR_NAME);
      try {
        List<String> stopped = ClusterControl.down(home,
            ClusterSettings.STOP_TIMEOUT.defaultValue());
        if (stopped.isEmpty()) {
          out.println("Nothing to stop: no Flink process recorded under " + home);
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
