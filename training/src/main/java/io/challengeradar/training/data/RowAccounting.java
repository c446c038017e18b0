package io.challengeradar.training.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every input row went: used, or skipped with a reason. Nothing is dropped without being
 * counted here, and {@link #read()} always equals {@link #used()} plus the skipped counts.
 */
public final class RowAccounting {

  private static final int EXAMPLES = 3;

  private final String source;
  private long used;
  private final Map<String, Long> skipped = new TreeMap<>();
  private final Map<String, String> examples = new LinkedHashMap<>();

  public RowAccounting(String source) {
    this.source = source;
  }

  public String source() {
    return source;
  }

  public void used() {
    used++;
  }

  /**
   * @param reason a short, stable reason naming the field ("claim_status: missing")
   * @param where the row's file and line, kept for the first few of each reason
   */
  public void skip(String reason, String where) {
    skipped.merge(reason, 1L, Long::sum);
    if (examples.size() < 50 && !examples.containsKey(reason)) {
      examples.put(reason, where);
    }
  }

  public long usedCount() {
    return used;
  }

  public long read() {
    return used + skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> skipped() {
    return Map.copyOf(skipped);
  }

  /** The first row seen for each reason, for the report. */
  public Map<String, String> examples() {
    return Map.copyOf(examples);
  }

  /** A JSON-friendly summary. */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("read", read());
    m.put("used", used);
    m.put("skipped", new TreeMap<>(skipped));
    m.put("first_skipped_row", new TreeMap<>(examples));
    return m;
  }

  @Override
  public String toString() {
    return source + ": " + read() + " rows read, " + used + " used, skipped " + skipped;
  }

  static int examplesPerReason() {
    return EXAMPLES;
  }
}
