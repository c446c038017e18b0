package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds every field use against what Elasticsearch says of the index's fields
 * ({@code _field_caps}): the field exists with a type the use can take, and is searchable or
 * aggregatable where the use needs it. A data view's runtime fields count as keyword-like fields
 * of their declared type.
 */
public final class FieldCheck {
  static final Set<String> NUMBERS = Set.of("long", "integer", "short", "byte", "double", "float",
      "half_float", "scaled_float", "unsigned_long");
  static final Set<String> DATES = Set.of("date", "date_nanos");

  private FieldCheck() {}

  /**
   * What {@code _field_caps} says of one field.
   *
   * @param type its type; {@code conflict} when the indices of the pattern disagree
   */
  public record Caps(String type, boolean searchable, boolean aggregatable) {}

  /** The fields of a {@code _field_caps} answer. */
  public static Map<String, Caps> parse(JsonNode fieldCaps) {
    Map<String, Caps> out = new LinkedHashMap<>();
    fieldCaps.path("fields").properties().forEach(f -> {
      List<Caps> types = new ArrayList<>();
      f.getValue().properties().forEach(t -> types.add(new Caps(t.getKey(),
          t.getValue().path("searchable").asBoolean(), t.getValue().path("aggregatable")
              .asBoolean())));
      out.put(f.getKey(), types.size() == 1 ? types.get(0)
          : new Caps("conflict", false, false));
    });
    return out;
  }

  /** The problems of {@code uses}; {@code caps} gives each index pattern's fields. */
  public static List<Problem> check(FieldUses uses, Map<String, Map<String, Caps>> caps) {
    List<Problem> problems = new ArrayList<>();
    for (FieldUses.Use u : uses.uses()) {
      Caps c = fieldsOf(u.index(), caps).get(u.field());
      String runtime = uses.runtimeFields().getOrDefault(u.index(), Map.of()).get(u.field());
      if (c == null && runtime != null) {
        c = new Caps(runtime, true, true);
      }
      String reason = c == null ? "field '" + u.field() + "' is not in the mapping of "
          + u.index() : unmet(u, c);
      if (reason != null) {
        problems.add(new Problem(u.objectId(), u.where(), reason));
      }
    }
    return problems;
  }

  /**
   * The fields of an index pattern: as given, or for {@code a,b} the union of each index's, a
   * field the indices map differently being a conflict, as {@code _field_caps} answers.
   */
  static Map<String, Caps> fieldsOf(String index, Map<String, Map<String, Caps>> caps) {
    Map<String, Caps> exact = caps.get(index);
    if (exact != null || !index.contains(",")) {
      return exact == null ? Map.of() : exact;
    }
    Map<String, Caps> union = new LinkedHashMap<>();
    for (String part : index.split(",")) {
      caps.getOrDefault(part.strip(), Map.of()).forEach((field, c) -> union.merge(field, c,
          (a, b) -> a.type().equals(b.type())
              ? new Caps(a.type(), a.searchable() && b.searchable(),
                  a.aggregatable() && b.aggregatable())
              : new Caps("conflict", false, false)));
    }
    return union;
  }

  private static String unmet(FieldUses.Use u, Caps c) {
    String f = "field '" + u.field() + "' of " + u.index() + " (" + c.type() + ")";
    if (c.type().startsWith("_") || c.type().equals("object") || c.type().equals("nested")) {
      return f + " is not a value field";
    }
    return switch (u.need()) {
      case EXISTS -> null;
      case SEARCHABLE -> c.searchable() ? null : f + " is not searchable";
      case AGGREGATABLE -> c.aggregatable() ? null : f + " is not aggregatable";
      case NUMBER -> NUMBERS.contains(c.type()) && c.aggregatable() ? null
          : f + " is not an aggregatable number";
      case DATE -> DATES.contains(c.type()) && c.aggregatable() ? null
          : f + " is not an aggregatable date";
      case NUMBER_OR_DATE -> (NUMBERS.contains(c.type()) || DATES.contains(c.type()))
          && c.aggregatable() ? null : f + " is neither an aggregatable number nor a date";
    };
  }
}
