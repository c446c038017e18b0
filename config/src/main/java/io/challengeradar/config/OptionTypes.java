package io.challengeradar.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The types settings come in. Each parses the text that {@code format} writes. */
public final class OptionTypes {
  private OptionTypes() {}

  public static final OptionType<Duration> DURATION =
      type("duration", OptionTypes::parseDuration, OptionTypes::formatDuration);
  public static final OptionType<Integer> INT = type("int", t -> {
    long v = parseLong(t);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("is too large for an int");
    }
    return (int) v;
  }, String::valueOf);
  public static final OptionType<Long> LONG = type("long", OptionTypes::parseLong, String::valueOf);
  public static final OptionType<Double> DOUBLE = type("number", t -> {
    try {
      return Double.parseDouble(t.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a number");
    }
  }, String::valueOf);
  public static final OptionType<Boolean> BOOLEAN = type("boolean", t -> {
    switch (t.strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("is not true or false");
    }
  }, String::valueOf);
  /** Text as given, stripped; empty text is no value. */
  public static final OptionType<String> STRING =
      type("string", t -> t.strip().isEmpty() ? null : t.strip(), s -> s == null ? "" : s);
  /** An absolute URL; empty text is no URL. */
  public static final OptionType<URI> URL = type("url", OptionTypes::parseUrl,
      u -> u == null ? "" : u.toString());
  /** Comma-separated, each item stripped, empty items dropped. */
  public static final OptionType<List<String>> LIST = listOf(",", "list");

  /** Items separated by {@code separator} (a regular expression is not expected). */
  public static OptionType<List<String>> listOf(String separator, String name) {
    return type(name, t -> Arrays.stream(t.split(java.util.regex.Pattern.quote(separator)))
        .map(String::strip).filter(s -> !s.isEmpty()).toList(),
        l -> String.join(separator.equals(",") ? "," : separator + " ", l));
  }

  /** A comma-separated set of an enum's names, case-insensitive; empty text is the empty set. */
  public static <E extends Enum<E>> OptionType<Set<E>> enumSet(Class<E> type) {
    return type(type.getSimpleName().toLowerCase(Locale.ROOT) + " list", t -> {
      Set<E> set = EnumSet.noneOf(type);
      for (String s : t.split(",")) {
        if (s.isBlank()) {
          continue;
        }
        try {
          set.add(Enum.valueOf(type, s.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("'" + s.strip() + "' is not one of "
              + Arrays.toString(type.getEnumConstants()));
        }
      }
      return Set.copyOf(set);
    }, set -> set.stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
  }

  /** Parses {@code PT1H}, {@code 1h}, {@code 10m}, {@code 30s}, {@code 7d} or {@code 500ms}. */
  public static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        case 'd':
          return Duration.ofDays(n);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // fall through to the reason below
    }
    throw new IllegalArgumentException("is not a duration like PT1H, 1h, 10m, 30s, 7d or 500ms");
  }

  /** The shortest of {@code 7d}, {@code 1h}, {@code 10m}, {@code 30s}, {@code 500ms}. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms != 0 && ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms != 0 && ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }

  private static long parseLong(String t) {
    try {
      return Long.parseLong(t.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a whole number");
    }
  }

  private static URI parseUrl(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(t);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("is not an absolute URL like http://localhost:8081");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL (" + e.getReason() + ")");
    }
  }

  /** A type of its own: {@code parse} throws with the reason alone, {@code format} reads back. */
  public static <T> OptionType<T> type(String name, SerializableFunction<String, T> parse,
      SerializableFunction<T, String> format) {
    return new OptionType<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public String name() {
        return name;
      }

      @Override
      public T parse(String text) {
        return parse.apply(text);
      }

      @Override
      public String format(T value) {
        return value == null ? "" : format.apply(value);
      }
    };
  }

  /** A function that travels with its option into a Flink job's serialized closures. */
  public interface SerializableFunction<A, B> extends Function<A, B>, java.io.Serializable {}
}
