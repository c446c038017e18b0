package io.challengeradar.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Reading the job's properties files ({@code pipeline.properties}, {@code
 * intelligence.properties}): a class-path resource with a file's keys on top, and typed values
 * whose errors name the key and what was wrong with it.
 */
public final class Settings {
  private Settings() {}

  /** The resource's settings, then those of {@code override} (if given) on top. */
  public static Properties load(String resource, Path override) {
    Properties p = new Properties();
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    if (override != null) {
      try (Reader r = Files.newBufferedReader(override, StandardCharsets.UTF_8)) {
        Properties file = new Properties();
        file.load(r);
        p.putAll(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read options file " + override + " (over "
            + resource + ")", e);
      }
    }
    return p;
  }

  /** Parses {@code PT1H}, {@code 1h}, {@code 10m}, {@code 30s}, {@code 7d} or {@code 500ms}. */
  public static Duration parseDuration(String key, String text) {
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
      // fall through to the error that names the key
    }
    throw new IllegalArgumentException(
        key + ": '" + text + "' is not a duration like PT1H, 1h, 10m, 30s, 7d or 500ms");
  }

  public static Duration duration(Properties p, String key, Duration dflt) {
    String v = p.getProperty(key);
    return v == null ? dflt : parseDuration(key, v);
  }

  public static int integer(Properties p, String key, int dflt) {
    long v = whole(p, key, dflt);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(key + ": " + v + " is too large");
    }
    return (int) v;
  }

  public static long whole(Properties p, String key, long dflt) {
    String v = p.getProperty(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
    }
  }

  public static double decimal(Properties p, String key, double dflt) {
    String v = p.getProperty(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + v + "' is not a number");
    }
  }

  public static void positive(String key, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, was " + d);
    }
  }

  public static void positive(String key, long n) {
    if (n <= 0) {
      throw new IllegalArgumentException(key + " must be positive, was " + n);
    }
  }
}
