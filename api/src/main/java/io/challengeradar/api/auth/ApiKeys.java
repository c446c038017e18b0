package io.challengeradar.api.auth;

import io.challengeradar.api.ApiSettings;
import io.challengeradar.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys. Keys are kept only as SHA-256 digests and a presented key is compared
 * with every one of them in constant time, so neither the answer time nor a heap dump tells an
 * attacker how much of a key was right.
 */
public final class ApiKeys {

  /** Shorter keys are refused: they could be guessed within the rate limit. */
  public static final int MIN_KEY_LENGTH = 16;

  private record Entry(String name, byte[] digest) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No keys at all: every protected request is refused (only --insecure-no-auth skips this). */
  public static ApiKeys none() {
    return new ApiKeys(List.of());
  }

  /**
   * Keys from a file: one key a line, optionally followed by whitespace and a name used in the
   * access log; blank lines and lines starting with # are ignored. Fails naming the line at fault.
   */
  public static ApiKeys fromFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the keys file " + file + ": " + e, e);
    }
    Builder b = new Builder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      String where = file + " line " + (i + 1);
      b.add(parts[0], parts.length > 1 ? parts[1].strip() : "key-line-" + (i + 1), where);
    }
    return b.build();
  }

  /** Keys from a comma-separated list, named env-1, env-2, ... */
  public static ApiKeys fromList(String commaSeparated) {
    return fromList(List.of(commaSeparated.split(",")), "key list");
  }

  /**
   * Keys named env-1, env-2, ...; blank ones are skipped. Errors name {@code where} (the setting's
   * origin, e.g. the environment variable) and the entry, never the key.
   */
  public static ApiKeys fromList(List<String> keys, String where) {
    Builder b = new Builder();
    int n = 0;
    for (String key : keys) {
      if (!key.isBlank()) {
        n++;
        b.add(key.strip(), "env-" + n, where + " entry " + n);
      }
    }
    return b.build();
  }

  /** The keys of {@link ApiSettings#KEYS_FILE}'s file, then those of {@link ApiSettings#KEYS}. */
  public static ApiKeys from(Config settings) {
    String file = settings.get(ApiSettings.KEYS_FILE);
    ApiKeys keys = file == null ? none() : fromFile(Path.of(file));
    return keys.and(fromList(settings.get(ApiSettings.KEYS),
        ApiSettings.KEYS.key() + " (" + settings.origin(ApiSettings.KEYS) + ")"));
  }

  /** These keys and {@code other}'s. */
  public ApiKeys and(ApiKeys other) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    return new ApiKeys(all);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** The name of the key {@code presented} matches, or empty. Takes the same time either way. */
  public Optional<String> authenticate(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    String match = null;
    for (Entry e : entries) {
      // No early exit: every configured key is compared, whatever matched before.
      if (MessageDigest.isEqual(digest, e.digest()) && match == null) {
        match = e.name();
      }
    }
    return Optional.ofNullable(match);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static final class Builder {
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    void add(String key, String name, String where) {
      Objects.requireNonNull(key, "key");
      if (key.length() < MIN_KEY_LENGTH) {
        throw new IllegalArgumentException(
            where + ": key is " + key.length() + " characters, at least " + MIN_KEY_LENGTH
                + " are needed");
      }
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (c <= ' ' || c > '~' || c == ',') {
          throw new IllegalArgumentException(
              where + ": key must be printable ASCII without spaces or commas");
        }
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(where + ": name '" + name + "' is used twice");
      }
      entries.add(new Entry(name, sha256(key)));
    }

    ApiKeys build() {
      return new ApiKeys(entries);
    }
  }
}
