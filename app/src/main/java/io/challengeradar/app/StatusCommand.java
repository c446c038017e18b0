package io.challengeradar.app;

import io.challengeradar.infra.PlatformControl;
import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.RadarHome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code radar status}: what `radar up` started, from any terminal. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the local platform: Elasticsearch's health and indices with document"
        + " counts, and whether Kafka is reachable.")
public final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      PlatformControl.status(RadarHome.resolve()).forEach(out::println);
      return 0;
    } catch (PlatformException e) {
      spec.commandLine().getErr().println("radar status: " + e.getMessage());
      return 1;
    }
  }
}
