package io.challengeradar.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One setting, defined once: its key, type, default, description and environment variable
 * ({@code RADAR_} and the key in upper case, dots and dashes as underscores). The parser, the
 * checks, the shipped properties files, the docs' tables and {@code radar config show} all read
 * this definition, as Flink's {@code ConfigOption} and Kafka's {@code ConfigDef} do.
 *
 * <pre>
 * static final Option&lt;Duration&gt; WINDOW_SIZE = Option.key("window.size")
 *     .durationType().defaultValue(Duration.ofHours(1)).positive()
 *     .description("Length of the trend windows per hashtag and per sound.");
 * </pre>
 *
 * @param <T> the value's type
 */
public final class Option<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");
  /** The prefix of every setting's environment variable. */
  public static final String ENV_PREFIX = "RADAR_";

  private final String key;
  private final OptionType<T> type;
  private final T defaultValue;
  private final String description;
  private final boolean secret;
  private final List<Check<T>> checks;

  private Option(Typed<T> b, String description) {
    this.key = b.key;
    this.type = b.type;
    this.defaultValue = b.defaultValue;
    this.description = description;
    this.secret = b.secret;
    this.checks = List.copyOf(b.checks);
    if (defaultValue != null) {
      check(defaultValue, Origin.DEFAULT);
    }
  }

  public static Builder key(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("option key '" + key
          + "' must be lower-case words separated by dots (dashes inside words)");
    }
    return new Builder(key);
  }

  public String key() {
    return key;
  }

  public OptionType<T> type() {
    return type;
  }

  /** The default; null when the setting has none (off, or to be given). */
  public T defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** A secret's value is never printed. */
  public boolean secret() {
    return secret;
  }

  public String envVar() {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The value {@code text} stands for, checked; errors name the key and {@code origin}. */
  public T parse(String text, Origin origin) {
    T value;
    try {
      value = type.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": '" + (secret ? "***" : redactUserInfo(text)) + "' ("
          + origin + ") "
          + e.getMessage());
    }
    check(value, origin);
    return value;
  }

  /** Throws when {@code value} breaks one of the option's rules. */
  public void check(T value, Origin origin) {
    if (value == null) {
      return;
    }
    for (Check<T> c : checks) {
      if (!c.test().test(value)) {
        throw new ConfigException(key + " " + c.rule() + ", was "
            + (secret ? "***" : redactUserInfo(type.format(value))) + " (" + origin + ")");
      }
    }
  }

  /** The value as a properties file or {@code config show} writes it (secrets masked). */
  public String display(T value) {
    if (secret && value != null) {
      return "***";
    }
    return type.format(value);
  }

  @Override
  public String toString() {
    return key;
  }

  /**
   * {@code text} with the user-info part of any URL in it ({@code https://user:pass@host})
   * masked: an error about a URL must not print the password someone put in it.
   */
  public static String redactUserInfo(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("://***@");
  }

  private static final Pattern USER_INFO = Pattern.compile("://[^/@\\s,]+@");

  /** A rule a value must keep, and the words an error uses for it ("must be positive"). */
  record Check<T>(SerializablePredicate<T> test, String rule) implements Serializable {}

  /** A predicate that travels with the option into a Flink job's serialized closures. */
  public interface SerializablePredicate<T> extends Predicate<T>, Serializable {}

  /** Picks the type. */
  public static final class Builder {
    private final String key;

    private Builder(String key) {
      this.key = key;
    }

    public Typed<Duration> durationType() {
      return new Typed<>(key, OptionTypes.DURATION);
    }

    public Typed<Integer> intType() {
      return new Typed<>(key, OptionTypes.INT);
    }

    public Typed<Long> longType() {
      return new Typed<>(key, OptionTypes.LONG);
    }

    public Typed<Double> doubleType() {
      return new Typed<>(key, OptionTypes.DOUBLE);
    }

    public Typed<Boolean> booleanType() {
      return new Typed<>(key, OptionTypes.BOOLEAN);
    }

    public Typed<String> stringType() {
      return new Typed<>(key, OptionTypes.STRING);
    }

    public Typed<java.net.URI> urlType() {
      return new Typed<>(key, OptionTypes.URL);
    }

    public Typed<List<String>> listType() {
      return new Typed<>(key, OptionTypes.LIST);
    }

    public <E extends Enum<E>> Typed<Set<E>> enumSetType(Class<E> type) {
      return new Typed<>(key, OptionTypes.enumSet(type));
    }

    public <T> Typed<T> type(OptionType<T> type) {
      return new Typed<>(key, type);
    }
  }

  /** Default, rules and secrecy; {@link #description} ends the definition. */
  public static final class Typed<T> {
    private final String key;
    private final OptionType<T> type;
    private T defaultValue;
    private boolean secret;
    private final List<Check<T>> checks = new ArrayList<>();

    private Typed(String key, OptionType<T> type) {
      this.key = key;
      this.type = type;
    }

    public Typed<T> defaultValue(T value) {
      this.defaultValue = Objects.requireNonNull(value, "defaultValue");
      return this;
    }

    /** Never printed: {@code config show} and errors mask it. */
    public Typed<T> secret() {
      this.secret = true;
      return this;
    }

    /** {@code rule} completes "KEY ...", e.g. "must be positive". */
    public Typed<T> check(SerializablePredicate<T> test, String rule) {
      checks.add(new Check<>(test, rule));
      return this;
    }

    /** Above zero: numbers, durations. */
    public Typed<T> positive() {
      return check(v -> sign(v) > 0, "must be positive");
    }

    /** Zero or above: numbers, durations. */
    public Typed<T> notNegative() {
      return check(v -> sign(v) >= 0, "must be zero or more");
    }

    /** From {@code min} to {@code max}, both included: whole numbers such as ports. */
    public Typed<T> between(long min, long max) {
      return check(v -> ((Number) v).longValue() >= min && ((Number) v).longValue() <= max,
          "must be " + min + " to " + max);
    }

    public Option<T> description(String text) {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException(key + ": every option needs a description");
      }
      return new Option<>(this, text.strip());
    }

    private static int sign(Object v) {
      if (v instanceof Duration d) {
        return d.isNegative() ? -1 : d.isZero() ? 0 : 1;
      }
      if (v instanceof Number n) {
        return (int) Math.signum(n.doubleValue());
      }
      throw new IllegalStateException("not a number or duration: " + v);
    }
  }
}
