package io.challengeradar.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings of one component ("pipeline", "serving", "api", ...): what {@code radar config
 * show --component} lists, what a component's properties file may hold, and one section of the
 * generated docs. An option may belong to several groups (the serving tier's URL is read by the
 * enrichment and by the intelligence), and is still defined once.
 *
 * @param name the component's name, as {@code --component} takes it
 * @param description one line on what the component is
 * @param options its settings, in the order the docs list them
 */
public record OptionGroup(String name, String description, List<Option<?>> options) {
  public OptionGroup {
    options = List.copyOf(options);
    Set<String> keys = new HashSet<>();
    Set<String> env = new HashSet<>();
    for (Option<?> o : options) {
      if (!keys.add(o.key()) || !env.add(o.envVar())) {
        throw new IllegalArgumentException(name + ": option " + o.key() + " (" + o.envVar()
            + ") is defined twice");
      }
    }
  }

  public static OptionGroup of(String name, String description, Option<?>... options) {
    return new OptionGroup(name, description, List.of(options));
  }

  /** This group's options followed by {@code others}' (in their order, without repeats). */
  public OptionGroup with(String newName, String newDescription, OptionGroup... others) {
    java.util.LinkedHashMap<String, Option<?>> all = new java.util.LinkedHashMap<>();
    options.forEach(o -> all.put(o.key(), o));
    for (OptionGroup g : others) {
      g.options.forEach(o -> all.putIfAbsent(o.key(), o));
    }
    return new OptionGroup(newName, newDescription, List.copyOf(all.values()));
  }
}
