package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * What a dashboard hands its panels: the time picker's range and the filters (a control's
 * selection, a pinned filter), as Elasticsearch queries.
 *
 * @param min the range's start
 * @param max the range's end
 * @param filters the dashboard's filters as query DSL; Kibana puts them in the context's
 *     {@code filter} clause
 */
public record KibanaContext(Instant min, Instant max, List<JsonNode> filters) {

  public KibanaContext {
    if (!min.isBefore(max)) {
      throw new IllegalArgumentException("the time range must not be empty: " + min + " .. "
          + max);
    }
    filters = List.copyOf(filters);
  }

  /** The range alone, no filter. */
  public static KibanaContext between(Instant min, Instant max) {
    return new KibanaContext(min, max, List.of());
  }

  /** The same range with {@code filter} added, as a control's selection adds it. */
  public KibanaContext filteredBy(JsonNode filter) {
    List<JsonNode> more = new java.util.ArrayList<>(filters);
    more.add(filter);
    return new KibanaContext(min, max, more);
  }

  /**
   * The dashboard context as Kibana builds it from an empty query and the filters:
   * {@code {"bool": {"must": [], "filter": [...], "should": [], "must_not": []}}}.
   */
  public ObjectNode bool() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode bool = f.objectNode();
    bool.putArray("must");
    ArrayNode filter = bool.putArray("filter");
    filters.forEach(q -> filter.add(q.deepCopy()));
    bool.putArray("should");
    bool.putArray("must_not");
    ObjectNode query = f.objectNode();
    query.set("bool", bool);
    return query;
  }

  /** A range query object on the time field: what {@code {"%timefilter%": true}} becomes. */
  public ObjectNode range() {
    return JsonNodeFactory.instance.objectNode().put("gte", min.toString())
        .put("lte", max.toString()).put("format", "strict_date_optional_time");
  }
}
