package io.challengeradar.app;

import io.challengeradar.app.config.Components;
import io.challengeradar.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The settings of each component: effective values and their origin, defaults, docs. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Shows the settings of a component and where each value came from (default,"
        + " file, environment RADAR_*, flag), with secrets masked.",
    subcommands = {ConfigCommand.Show.class, ConfigCommand.Defaults.class,
        ConfigCommand.Docs.class})
public final class ConfigCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(System.out);
    return 0;
  }

  /** {@code radar config show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Prints the effective settings of a component (all components without"
          + " --component): value and origin, secrets masked.")
  static final class Show implements Callable<Integer> {
    @Option(names = "--component", description = "One of the components (see radar config"
        + " docs): job, serving, api, platform, cluster, dashboards.")
    String component;

    @picocli.CommandLine.Mixin SettingsFlags flags = new SettingsFlags();

    @Override
    public Integer call() {
      List<String> components = component == null ? Components.names() : List.of(component);
      if (component == null && (flags.file != null || flags.set != null)) {
        throw new IllegalArgumentException("--config and --set need --component: a file holds"
            + " one component's settings");
      }
      for (String c : components) {
        Config config = flags.load(flags.loader(c));
        System.out.println("# " + c);
        config.describe().forEach(System.out::println);
      }
      return 0;
    }
  }

  /** {@code radar config defaults}. */
  @Command(name = "defaults", mixinStandardHelpOptions = true,
      description = "Prints a component's properties file with every setting at its default"
          + " (what docs/config/<component>.properties holds).")
  static final class Defaults implements Callable<Integer> {
    @Option(names = "--component", required = true, description = "The component.")
    String component;

    @Override
    public Integer call() {
      System.out.print(Components.propertiesFile(component));
      return 0;
    }
  }

  /** {@code radar config docs}. */
  @Command(name = "docs", mixinStandardHelpOptions = true,
      description = "Prints docs/configuration.md: every component's settings as tables.")
  static final class Docs implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(Components.markdown());
      return 0;
    }
  }
}
