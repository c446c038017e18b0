package io.challengeradar.app.config;

import io.challengeradar.api.ApiSettings;
import io.challengeradar.cluster.ClusterSettings;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.dashboards.KibanaSettings;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.infra.PlatformSettings;
import io.challengeradar.serving.ServingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every component's settings, by the name {@code --component} takes: what {@code radar config}
 * shows, what each component's properties file may hold, and the sections of
 * docs/configuration.md. A component's file may not hold another's keys (they would have no
 * effect there).
 */
public final class Components {
  private static final Map<String, List<OptionGroup>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("job", JobConfig.GROUPS);
    ALL.put("serving", List.of(ServingSettings.GROUP));
    ALL.put("api", List.of(ApiSettings.GROUP));
    ALL.put("platform", List.of(PlatformSettings.GROUP));
    ALL.put("cluster", List.of(ClusterSettings.GROUP));
    ALL.put("dashboards", List.of(KibanaSettings.GROUP));
  }

  private Components() {}

  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** The groups {@code component} reads; an error names the components there are. */
  public static List<OptionGroup> groups(String component) {
    List<OptionGroup> g = ALL.get(component);
    if (g == null) {
      throw new IllegalArgumentException("--component: '" + component
          + "' is not a component; components are " + names());
    }
    return g;
  }

  /** The groups of every component but {@code component}, for "has no effect here" errors. */
  public static List<OptionGroup> others(String component) {
    List<OptionGroup> mine = groups(component);
    List<OptionGroup> others = new ArrayList<>();
    ALL.forEach((name, groups) -> groups.stream()
        .filter(g -> mine.stream().noneMatch(m -> m.name().equals(g.name())))
        .filter(g -> others.stream().noneMatch(o -> o.name().equals(g.name())))
        .forEach(others::add));
    return others;
  }

  /** Every group once, in component order. */
  public static List<OptionGroup> allGroups() {
    List<OptionGroup> all = new ArrayList<>();
    ALL.values().forEach(groups -> groups.stream()
        .filter(g -> all.stream().noneMatch(a -> a.name().equals(g.name())))
        .forEach(all::add));
    return all;
  }

  /** The component's shipped properties file: all its groups' settings at their defaults. */
  public static String propertiesFile(String component) {
    List<OptionGroup> groups = groups(component);
    OptionGroup merged = groups.get(0).with(component, "All settings of " + component,
        groups.subList(1, groups.size()).toArray(OptionGroup[]::new));
    return io.challengeradar.config.ConfigDocs.propertiesFile(merged, "Settings of the "
        + component + " component (" + String.join(", ", groups.stream()
            .map(OptionGroup::name).toList()) + "). Copy the lines you change into your own file"
        + " and give it with --config; unknown keys, and keys of other components, are errors."
        + " Every key can also be set as its environment variable (RADAR_ and the key in upper"
        + " case, dots and dashes as underscores), which a flag overrides."
        + " Durations: ISO-8601 (PT1H) or short (1h, 10m, 30s, 7d, 500ms).");
  }

  /** docs/configuration.md. */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration\n\n")
        .append("Every setting of every component, generated from the option definitions")
        .append(" (`./radar config docs > docs/configuration.md`; a test fails when this file")
        .append(" and the definitions differ).\n\n")
        .append("Each setting is resolved in layers, each overriding the one before: its default,")
        .append(" a properties file (`--config FILE`, UTF-8), the environment (`RADAR_` and the")
        .append(" key in upper case, dots and dashes as underscores), flags (a command's own")
        .append(" flags and `--set KEY=VALUE`), and values the program sets itself (the demo")
        .append(" points the job at the serving tier it started). `radar config show")
        .append(" --component C [--config FILE]` prints each effective value and where it came")
        .append(" from, secrets masked. A key no option defines, or one of another component,")
        .append(" is an error naming the key and the file. Environment variables that match no")
        .append(" option are ignored.\n\n")
        .append("Shipped files with every default: ");
    List<String> files = names().stream().map(n -> "[`docs/config/" + n + ".properties`](config/"
        + n + ".properties)").toList();
    out.append(String.join(", ", files)).append(".\n\n## Components\n\n");
    ALL.forEach((name, groups) -> out.append("- **").append(name).append("**: ")
        .append(String.join(", ", groups.stream().map(OptionGroup::name).toList()))
        .append('\n'));
    out.append("\n## Settings\n\n");
    out.append(io.challengeradar.config.ConfigDocs.markdown(allGroups()));
    return out.toString();
  }
}
