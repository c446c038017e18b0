package io.challengeradar.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The resolved settings of the components a program reads: each value with the layer it came
 * from. Layers, lowest first: the option's default, a properties file (UTF-8), the environment
 * ({@code RADAR_*}), flags, and values the program sets itself (the demo points the job at the
 * serving tier it started). Immutable; {@link #with} returns a copy.
 *
 * <p>Secrets ({@link Option#secret()}) come from the file or the environment only; a flag that
 * sets one is refused.
 *
 * <p>Strictness: a key in the file or a {@code --set} flag that no option of these components
 * defines is an error naming the key and the file; so is a key of another component, which
 * would have no effect here. Environment variables that match no option are ignored: the
 * environment is shared with everything else the process runs.
 */
public final class Config {
  private final List<OptionGroup> groups;
  private final Map<String, Option<?>> options;
  private final Map<String, Object> values;
  private final Map<String, Origin> origins;

  private Config(List<OptionGroup> groups, Map<String, Option<?>> options,
      Map<String, Object> values, Map<String, Origin> origins) {
    this.groups = List.copyOf(groups);
    this.options = Collections.unmodifiableMap(options);
    this.values = Collections.unmodifiableMap(values);
    this.origins = Collections.unmodifiableMap(origins);
  }

  /** Every option of {@code groups} at its default. */
  public static Config defaults(OptionGroup... groups) {
    return loader(groups).load();
  }

  public static Loader loader(OptionGroup... groups) {
    return new Loader(List.of(groups));
  }

  public List<OptionGroup> groups() {
    return groups;
  }

  /** The option's value; null where it has none. */
  @SuppressWarnings("unchecked")
  public <T> T get(Option<T> option) {
    requireKnown(option);
    return (T) values.get(option.key());
  }

  /** The option's value, or an error naming the key and its environment variable. */
  public <T> T require(Option<T> option) {
    T v = get(option);
    if (v == null) {
      throw new ConfigException(option.key() + " must be set (in the properties file, as "
          + option.envVar() + " or by its flag): " + option.description());
    }
    return v;
  }

  public Origin origin(Option<?> option) {
    requireKnown(option);
    return origins.get(option.key());
  }

  /** A copy with {@code option} set by the program itself; {@code by} says who, for show. */
  public <T> Config with(Option<T> option, T value, String by) {
    requireKnown(option);
    Origin origin = new Origin(Origin.Layer.CODE, by);
    option.check(value, origin);
    Map<String, Object> v = new LinkedHashMap<>(values);
    Map<String, Origin> o = new LinkedHashMap<>(origins);
    v.put(option.key(), value);
    o.put(option.key(), origin);
    return new Config(groups, new LinkedHashMap<>(options), v, o);
  }

  /** One line per setting of each group: key, value (secrets masked) and origin. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    int width = options.keySet().stream().mapToInt(String::length).max().orElse(10);
    for (OptionGroup g : groups) {
      lines.add("[" + g.name() + "] " + g.description());
      for (Option<?> o : g.options()) {
        lines.add(String.format(java.util.Locale.ROOT, "  %-" + width + "s = %-28s (%s)",
            o.key(), display(o), origins.get(o.key())));
      }
    }
    return lines;
  }

  private <T> String display(Option<T> o) {
    return o.display(get(o));
  }

  private void requireKnown(Option<?> option) {
    if (options.get(option.key()) != option) {
      throw new IllegalStateException("option " + option.key()
          + " is not a setting of the components read here " + groups.stream()
              .map(OptionGroup::name).toList());
    }
  }

  /** Reads the layers in order; {@link #load} checks and resolves them. */
  public static final class Loader {
    private final List<OptionGroup> groups;
    private final List<OptionGroup> elsewhere = new ArrayList<>();
    private final Map<String, Option<?>> options = new LinkedHashMap<>();
    private Path file;
    private Map<String, String> fileValues = Map.of();
    private Map<String, String> environment = Map.of();
    private final Map<String, String[]> flags = new LinkedHashMap<>();

    private Loader(List<OptionGroup> groups) {
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("groups: at least one component's options");
      }
      this.groups = groups;
      for (OptionGroup g : groups) {
        for (Option<?> o : g.options()) {
          Option<?> before = options.putIfAbsent(o.key(), o);
          if (before != null && before != o) {
            throw new IllegalArgumentException("two different options are keyed " + o.key());
          }
        }
      }
    }

    /**
     * The other components' groups, so that one of their keys in the file is refused as having
     * no effect here rather than as unknown.
     */
    public Loader knownElsewhere(List<OptionGroup> others) {
      elsewhere.addAll(others);
      return this;
    }

    /** A properties file (UTF-8) over the defaults; null: none. */
    public Loader file(Path path) {
      this.file = path;
      if (path == null) {
        this.fileValues = Map.of();
        return this;
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read settings file " + path + ": " + e.getMessage(),
            e);
      }
      Map<String, String> m = new LinkedHashMap<>();
      new TreeSet<>(p.stringPropertyNames()).forEach(k -> m.put(k, p.getProperty(k)));
      this.fileValues = m;
      return this;
    }

    /** The process environment (or a test's map); only {@code RADAR_*} names of options count. */
    public Loader environment(Map<String, String> env) {
      this.environment = Map.copyOf(env);
      return this;
    }

    /** A flag's value for {@code key}; {@code flag} names it in errors ("--parallelism"). */
    public Loader flag(String key, String value, String flag) {
      if (value != null) {
        flags.put(key, new String[] {value, flag});
      }
      return this;
    }

    /** {@code --set key=value} pairs. */
    public Loader set(Map<String, String> keyValues) {
      if (keyValues != null) {
        keyValues.forEach((k, v) -> flag(k, v, "--set " + k));
      }
      return this;
    }

    public Config load() {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, Origin> origins = new LinkedHashMap<>();
      options.forEach((key, o) -> {
        values.put(key, o.defaultValue());
        origins.put(key, Origin.DEFAULT);
      });
      fileValues.forEach((key, text) -> {
        Origin origin = new Origin(Origin.Layer.FILE, file.toString());
        apply(requireDefined(key, "in " + file), text, origin, values, origins);
      });
      for (Option<?> o : options.values()) {
        String text = environment.get(o.envVar());
        if (text != null) {
          apply(o, text, new Origin(Origin.Layer.ENVIRONMENT, o.envVar()), values, origins);
        }
      }
      flags.forEach((key, v) -> apply(notSecret(requireDefined(key, "given by " + v[1]), v[1]),
          v[0], new Origin(Origin.Layer.FLAG, v[1]), values, origins));
      return new Config(groups, new LinkedHashMap<>(options), values, origins);
    }

    private Option<?> requireDefined(String key, String where) {
      Option<?> o = options.get(key);
      if (o != null) {
        return o;
      }
      for (OptionGroup g : elsewhere) {
        if (g.options().stream().anyMatch(x -> x.key().equals(key))) {
          throw new ConfigException(key + " (" + where + ") is a setting of " + g.name()
              + ", which has no effect here; this program reads " + names());
        }
      }
      String near = nearest(key);
      throw new ConfigException(key + " (" + where + ") is not a setting of " + names()
          + (near == null ? "" : "; did you mean " + near + "?")
          + " See radar config show for every key.");
    }

    /**
     * A secret on the command line is readable by every user of the machine (the process list,
     * shell history), so it is refused there, naming the two places it may come from.
     */
    private static Option<?> notSecret(Option<?> o, String flag) {
      if (o.secret()) {
        throw new ConfigException(o.key() + " is a secret and is not taken from the command line ("
            + flag + "): put it in the properties file (--config) or the environment variable "
            + o.envVar());
      }
      return o;
    }

    private List<String> names() {
      return groups.stream().map(OptionGroup::name).toList();
    }

    /** A key that only lacks a component prefix, else the closest by edit distance. */
    private String nearest(String key) {
      for (String k : options.keySet()) {
        if (k.endsWith("." + key)) {
          return k;
        }
      }
      String best = null;
      int bestDistance = Math.max(3, key.length() / 4) + 1;
      for (String k : options.keySet()) {
        int d = distance(key, k);
        if (d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
      return best;
    }

    private static int distance(String a, String b) {
      int[] prev = new int[b.length() + 1];
      int[] cur = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        prev[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        cur[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        }
        int[] t = prev;
        prev = cur;
        cur = t;
      }
      return prev[b.length()];
    }

    private static void apply(Option<?> o, String text, Origin origin, Map<String, Object> values,
        Map<String, Origin> origins) {
      values.put(o.key(), o.parse(text, origin));
      origins.put(o.key(), origin);
    }
  }
}
