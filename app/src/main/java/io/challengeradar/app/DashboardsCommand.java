package io.challengeradar.app;

import io.challengeradar.app.config.Components;
import io.challengeradar.config.Config;
import io.challengeradar.dashboards.DashboardException;
import io.challengeradar.dashboards.Dashboards;
import io.challengeradar.dashboards.KibanaInstaller;
import io.challengeradar.dashboards.KibanaSettings;
import io.challengeradar.dashboards.SavedObjects;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar dashboards}: the Kibana dashboards for trend analysts, exported or installed. */
@Command(
    name = "dashboards",
    mixinStandardHelpOptions = true,
    description = "The Kibana dashboards (Kibana 8.19 saved objects): export them as one NDJSON"
        + " file, or install them through Kibana's import API. See docs/dashboards.md.",
    subcommands = {DashboardsCommand.Install.class, DashboardsCommand.Export.class})
public final class DashboardsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code radar dashboards export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes every saved object (data views, saved searches, dashboards) as one"
          + " NDJSON file for Kibana's Saved Objects import.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = SavedObjects.FILE_NAME,
        description = "The file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      try {
        int n = Dashboards.export(out);
        stdout.println("wrote " + n + " saved objects to " + out);
        return 0;
      } catch (DashboardException e) {
        spec.commandLine().getErr().println("dashboards export: " + e.getMessage());
        return 1;
      }
    }
  }

  /** {@code radar dashboards install}. */
  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Imports every saved object into Kibana (POST /api/saved_objects/_import,"
          + " overwriting what is there), prints each object's outcome and exits 1 unless all"
          + " were imported. Credentials come from the environment or --config, never from the"
          + " command line: RADAR_KIBANA_USERNAME and RADAR_KIBANA_PASSWORD, or"
          + " RADAR_KIBANA_API_KEY.")
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--kibana", paramLabel = "URL",
        description = "Kibana's base URL (kibana.url; default http://localhost:5601).")
    String kibana;

    @Option(names = "--space", paramLabel = "S",
        description = "The space to import into (kibana.space; default: the default space).")
    String space;

    // No --set here: the credentials are secrets, and a command line is visible to every user
    // of the machine (ps) and kept in shell histories.
    @Option(names = "--config", paramLabel = "FILE",
        description = "Settings file (properties, UTF-8) with kibana.* settings, credentials"
            + " included; the environment (RADAR_KIBANA_*) and the flags override it.")
    Path config;

    /** The process environment; tests give their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      KibanaSettings kibanaSettings = KibanaSettings.from(Config.loader(KibanaSettings.GROUP)
          .knownElsewhere(Components.others("dashboards"))
          .file(config).environment(environment)
          .flag(KibanaSettings.URL.key(), kibana, "--kibana")
          .flag(KibanaSettings.SPACE.key(), space, "--space")
          .load());
      try {
        List<KibanaInstaller.Outcome> outcomes = Dashboards.install(kibanaSettings);
        outcomes.forEach(out::println);
        out.println("installed " + outcomes.size() + " saved objects into "
            + kibanaSettings.importUri().resolve("/").toString().replaceAll("/$", "")
            + (kibanaSettings.space().isBlank() ? "" : " (space " + kibanaSettings.space() + ")"));
        return 0;
      } catch (KibanaInstaller.KibanaException e) {
        e.outcomes().forEach(out::println);
        err.println("dashboards install: " + e.getMessage());
        return 1;
      } catch (DashboardException e) {
        err.println("dashboards install: " + e.getMessage());
        return 1;
      }
    }
  }
}
