package io.challengeradar.app;

import io.challengeradar.app.config.Components;
import io.challengeradar.config.Config;
import io.challengeradar.config.OptionGroup;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --set key=value}, for a command that reads one component's
 * settings: {@link #loader} stacks the file and the environment over the defaults; the command
 * adds its own flags, and {@link #load} adds {@code --set} last.
 */
final class SettingsFlags {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Settings file (properties, UTF-8) over the defaults; the environment"
          + " (RADAR_*) and flags override it. See docs/configuration.md.")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "One setting, as in the settings file (repeatable); overrides the file, the"
          + " environment and the other flags.")
  Map<String, String> set;

  /** The process environment; tests give their own. */
  Map<String, String> environment = System.getenv();

  /**
   * {@code component}'s settings (see {@link Components}): defaults, then the file, then the
   * environment; the caller adds its flags.
   */
  Config.Loader loader(String component) {
    return Config.loader(Components.groups(component).toArray(OptionGroup[]::new))
        .knownElsewhere(Components.others(component))
        .file(file).environment(environment);
  }

  /** The {@code --set} pairs, applied last so that they win over the command's named flags. */
  Config load(Config.Loader loader) {
    return loader.set(set).load();
  }
}
