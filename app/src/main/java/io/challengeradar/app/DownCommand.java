package io.challengeradar.app;

import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.PlatformControl;
import io.challengeradar.infra.PlatformSettings;
import io.challengeradar.infra.PlatformException;
import io.challengeradar.infra.RadarHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code radar down}: stop what `radar up --detach` (or another terminal's `radar up`) started. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop the local platform's servers (SIGTERM, then kill after a bound), found"
        + " through their state files in .radar/.")
public final class DownCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path home = RadarHome.resolve();
    try {
      List<PlatformControl.Stopped> stopped =
          PlatformControl.down(home, PlatformSettings.ES_STOP_TIMEOUT.defaultValue());
      if (stopped.isEmpty()) {
        out.println("Nothing to stop: no servers recorded under " + home);
      }
      stopped.forEach(s -> out.println(s.describe()));
      return 0;
    } catch (PlatformException e) {
      spec.commandLine().getErr().println("radar down: " + e.getMessage());
      return 1;
    }
  }
}
