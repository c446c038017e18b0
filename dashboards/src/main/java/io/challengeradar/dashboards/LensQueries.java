package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Lens panel's layers translated into the aggregations they stand for, so they can be run
 * against Elasticsearch: the bucket columns nest in column order (terms, date histogram), the
 * metric columns sit under the innermost bucket, the panel's filters and the time range on the
 * data view's time field filter the search, and the data view's runtime fields go with it.
 *
 * <p>A lower-fidelity check than the Vega one: Lens builds its requests in the browser with
 * options (empty rows, partial buckets, "other" buckets) this translation leaves out. What it
 * proves is that the fields, operations and filters a layer names make a search Elasticsearch
 * accepts and that returns buckets on the demo data.
 */
public final class LensQueries {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** The column Lens counts records with. */
  static final String RECORDS = "___records___";
  private static final Map<String, String> METRICS = Map.of(
      "sum", "sum", "average", "avg", "max", "max", "min", "min", "unique_count", "cardinality",
      "median", "percentiles");

  private LensQueries() {}

  /**
   * One layer's search.
   *
   * @param layerId the layer
   * @param dataViewId its data view
   * @param body the search body, {@code size: 0}, aggregations under {@code "layer"}
   */
  public record LayerSearch(String layerId, String dataViewId, ObjectNode body) {}

  /** The columns a Lens visualization shows: its accessors. */
  public static Set<String> accessors(JsonNode attributes) {
    JsonNode vis = attributes.path("state").path("visualization");
    Set<String> out = new LinkedHashSet<>();
    switch (attributes.path("visualizationType").asText()) {
      case "lnsXY" -> vis.path("layers").forEach(l -> {
        l.path("accessors").forEach(a -> out.add(a.asText()));
        for (String k : List.of("xAccessor", "splitAccessor")) {
          if (l.hasNonNull(k)) {
            out.add(l.get(k).asText());
          }
        }
      });
      case "lnsDatatable" -> vis.path("columns").forEach(c -> out.add(c.path("columnId")
          .asText()));
      case "lnsMetric" -> {
        for (String k : List.of("metricAccessor", "secondaryMetricAccessor", "maxAccessor",
            "breakdownByAccessor")) {
          if (vis.hasNonNull(k)) {
            out.add(vis.get(k).asText());
          }
        }
      }
      default -> { }
    }
    return out;
  }

  /** Each layer's search; {@code dataViews} gives the data view objects by id. */
  public static List<LayerSearch> searches(JsonNode attributes, Map<String, JsonNode> dataViews,
      KibanaContext context) {
    List<LayerSearch> out = new ArrayList<>();
    JsonNode state = attributes.path("state");
    state.path("datasourceStates").path("formBased").path("layers").properties()
        .forEach(e -> {
          String layerId = e.getKey();
          String dataViewId = dataViewOf(attributes, layerId);
          JsonNode dataView = dataViews.get(dataViewId);
          if (dataView == null) {
            throw new DashboardException("layer " + layerId + ": no data view '" + dataViewId
                + "'");
          }
          out.add(new LayerSearch(layerId, dataViewId,
              body(e.getValue(), state.path("filters"), dataView.path("attributes"), context)));
        });
    return out;
  }

  static String dataViewOf(JsonNode attributes, String layerId) {
    for (JsonNode r : attributes.path("references")) {
      if (r.path("name").asText().equals(StaticCheck.LAYER_REFERENCE + layerId)) {
        return r.path("id").asText();
      }
    }
    throw new DashboardException("layer " + layerId + " has no data view reference");
  }

  private static ObjectNode body(JsonNode layer, JsonNode filters, JsonNode dataView,
      KibanaContext context) {
    ObjectNode body = F.objectNode().put("size", 0);
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    String timeField = dataView.path("timeFieldName").asText();
    if (!timeField.isEmpty()) {
      filter.addObject().putObject("range").set(timeField, context.range());
    }
    filters.forEach(f -> {
      if (!f.path("meta").path("disabled").asBoolean(false)) {
        filter.add(f.path("query").deepCopy());
      }
    });
    context.filters().forEach(f -> filter.add(f.deepCopy()));
    JsonNode runtime = dataView.path("runtimeFieldMap");
    if (runtime.size() > 0) {
      ObjectNode mappings = body.putObject("runtime_mappings");
      runtime.properties().forEach(r -> mappings.set(r.getKey(), r.getValue().deepCopy()));
    }
    JsonNode columns = layer.path("columns");
    List<String> buckets = new ArrayList<>();
    List<String> metrics = new ArrayList<>();
    layer.path("columnOrder").forEach(c -> (columns.path(c.asText()).path("isBucketed")
        .asBoolean() ? buckets : metrics).add(c.asText()));
    ObjectNode level = body.putObject("aggs");
    String name = "layer";
    for (String id : buckets) {
      ObjectNode agg = level.putObject(name);
      bucket(agg, columns.get(id), columns);
      level = agg.has("aggs") ? (ObjectNode) agg.get("aggs") : agg.putObject("aggs");
      name = id;
    }
    for (String id : metrics) {
      ObjectNode metric = metric(columns.get(id));
      if (metric != null) {
        level.set(id, metric);
      }
    }
    if (level.isEmpty()) {
      removeEmptyAggs(body);
    }
    return body;
  }

  private static void removeEmptyAggs(ObjectNode node) {
    node.properties().forEach(e -> {
      if (e.getValue() instanceof ObjectNode o) {
        if (o.has("aggs") && o.get("aggs").isEmpty()) {
          o.remove("aggs");
        }
        removeEmptyAggs(o);
      }
    });
    if (node.has("aggs") && node.get("aggs").isEmpty()) {
      node.remove("aggs");
    }
  }

  private static void bucket(ObjectNode agg, JsonNode column, JsonNode columns) {
    String field = column.path("sourceField").asText();
    JsonNode params = column.path("params");
    switch (column.path("operationType").asText()) {
      case "terms" -> {
        ObjectNode terms = agg.putObject("terms").put("field", field)
            .put("size", params.path("size").asInt(5));
        JsonNode orderBy = params.path("orderBy");
        String direction = params.path("orderDirection").asText("desc");
        if (orderBy.path("type").asText().equals("column")) {
          String by = orderBy.path("columnId").asText();
          ObjectNode metric = metric(columns.path(by));
          if (metric == null) {
            terms.putObject("order").put("_count", direction);
          } else {
            agg.putObject("aggs").set("order", metric);
            terms.putObject("order").put("order", direction);
          }
        } else if (orderBy.path("type").asText().equals("alphabetical")) {
          terms.putObject("order").put("_key", direction);
        }
      }
      case "date_histogram" -> {
        String interval = params.path("interval").asText("auto");
        ObjectNode h = agg.putObject("date_histogram").put("field", field);
        if (interval.equals("auto")) {
          h.put("fixed_interval", "1h");
        } else {
          h.put(VegaQueries.isCalendar(interval) ? "calendar_interval" : "fixed_interval",
              interval);
        }
      }
      default -> throw new DashboardException("bucket operation '"
          + column.path("operationType").asText() + "' is not translated");
    }
  }

  /** The metric aggregation of a column; null for a record count (the bucket's doc_count). */
  private static ObjectNode metric(JsonNode column) {
    String op = column.path("operationType").asText();
    String field = column.path("sourceField").asText();
    if (op.equals("count")) {
      return field.isEmpty() || field.equals(RECORDS) ? null
          : wrap("value_count", F.objectNode().put("field", field));
    }
    if (op.equals("last_value")) {
      // Lens reads the latest document's value with top_hits, sorted on the sort field.
      ObjectNode top = F.objectNode().put("size", 1).put("_source", false);
      top.putArray("fields").add(field);
      top.putArray("sort").addObject().putObject(column.path("params").path("sortField")
          .asText()).put("order", "desc");
      return wrap("top_hits", top);
    }
    String es = METRICS.get(op);
    if (es == null) {
      throw new DashboardException("metric operation '" + op + "' is not translated");
    }
    ObjectNode m = F.objectNode().put("field", field);
    if (es.equals("percentiles")) {
      m.putArray("percents").add(50);
    }
    return wrap(es, m);
  }

  private static ObjectNode wrap(String type, ObjectNode body) {
    ObjectNode o = F.objectNode();
    o.set(type, body);
    return o;
  }
}
