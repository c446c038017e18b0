package io.challengeradar.core.importer;

import java.util.HashMap;
import java.util.Map;

/** Which source field feeds which event field, to name the right one in a reject. */
final class SourceFields {
  private final Map<String, String> byEventField;

  private SourceFields(Map<String, String> byEventField) {
    this.byEventField = byEventField;
  }

  /** Pairs of event field, source field. */
  static SourceFields of(String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("pairs of event field and source field expected");
    }
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return new SourceFields(Map.copyOf(m));
  }

  /** The source field, or the event field itself when no source field feeds it. */
  String of(String eventField) {
    return byEventField.getOrDefault(eventField, eventField);
  }
}
