package io.challengeradar.api.http;

import io.challengeradar.api.BadRequestException;
import io.challengeradar.api.query.PageRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query parameters with typed, checked access: each problem is a 400 naming the
 * parameter. Parameters an endpoint does not take are refused, not ignored, so a typo
 * ({@code ?szie=5}) never silently gives the default.
 */
public final class QueryParams {

  private final Map<String, List<String>> values;

  private QueryParams(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses an encoded query string ({@code a=1&b=x%20y}); null or empty for none. */
  public static QueryParams parse(String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return new QueryParams(values);
  }

  private static String decode(String s, String field) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(field, "bad percent escape in '" + s + "'");
    }
  }

  /** Refuses parameters outside {@code allowed} and parameters given twice. */
  public void requireOnly(Set<String> allowed) {
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new BadRequestException(e.getKey(), allowed.isEmpty()
            ? "unknown parameter; this endpoint takes none"
            : "unknown parameter; this endpoint takes " + String.join(", ", new TreeSet<>(allowed)));
      }
      if (e.getValue().size() > 1) {
        throw new BadRequestException(e.getKey(), "given more than once");
      }
    }
  }

  public Optional<String> get(String name) {
    List<String> v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(0));
  }

  /** A present, non-blank value. */
  public Optional<String> text(String name) {
    Optional<String> v = get(name);
    if (v.isPresent() && v.get().isBlank()) {
      throw new BadRequestException(name, "must not be empty");
    }
    return v;
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(v.get().strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name, "must be a whole number, was '" + v.get() + "'");
    }
    if (n < min || n > max) {
      throw new BadRequestException(name, "must be between " + min + " and " + max);
    }
    return n;
  }

  /** {@code page} (from 1) and {@code size} (1 to 100, default 20). */
  public PageRequest page() {
    int size = integer("size", PageRequest.DEFAULT_SIZE, 1, PageRequest.MAX_SIZE);
    int page = integer("page", 1, 1, PageRequest.MAX_DEPTH);
    return new PageRequest(page, size);
  }

  /** An ISO-8601 instant such as 2024-05-01T12:00:00Z, or empty. */
  public Optional<Instant> instant(String name) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.get().strip()));
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          name, "must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, was '" + v.get() + "'");
    }
  }

  /** This query with {@code page} set to {@code page}, encoded, parameters in their order. */
  public String withPage(int page) {
    Map<String, List<String>> next = new LinkedHashMap<>(values);
    next.put("page", List.of(Integer.toString(page)));
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<String>> e : next.entrySet()) {
      for (String v : e.getValue()) {
        b.append(b.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=').append(encode(v));
      }
    }
    return b.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
