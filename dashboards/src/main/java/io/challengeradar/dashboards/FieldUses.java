package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every field a saved object names, with what the use needs of it: a Lens column's source field
 * (a number for a sum, a date for a histogram, aggregatable for terms), a filter's field, a saved
 * search's columns and sort, a control's field, a data view's time field, and the fields a Vega
 * query aggregates on or takes as its {@code %timefield%}.
 *
 * @param uses every use, in source order
 * @param runtimeFields each data view's runtime fields (by its title), field to type: they are
 *     in no mapping, the data view defines them
 */
public record FieldUses(List<Use> uses, Map<String, Map<String, String>> runtimeFields) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LEAF_QUERIES =
      Set.of("term", "terms", "range", "match", "match_phrase", "prefix", "wildcard");

  /** What a use needs of its field. */
  public enum Need {
    EXISTS, SEARCHABLE, AGGREGATABLE, NUMBER, DATE, NUMBER_OR_DATE
  }

  /**
   * One field named by one object.
   *
   * @param objectId the saved object
   * @param where the panel, column or part that names it
   * @param index the index pattern searched (a data view's title, a Vega query's index)
   * @param field the field's path
   * @param need what the use needs
   */
  public record Use(String objectId, String where, String index, String field, Need need) {}

  public static FieldUses of(SourceSet set) {
    List<SourceSet.Source> sources = set.objects();
    Map<String, JsonNode> dataViews = new LinkedHashMap<>();
    Map<String, Map<String, String>> runtime = new LinkedHashMap<>();
    for (SourceSet.Source s : sources) {
      if (s.type().equals("index-pattern")) {
        dataViews.put(s.id(), s.json().path("attributes"));
        Map<String, String> fields = new LinkedHashMap<>();
        s.json().path("attributes").path("runtimeFieldMap").properties()
            .forEach(e -> fields.put(e.getKey(), e.getValue().path("type").asText()));
        runtime.put(s.json().path("attributes").path("title").asText(), fields);
      }
    }
    List<Use> uses = new ArrayList<>();
    Collector c = new Collector(set, dataViews, uses);
    for (SourceSet.Source s : sources) {
      switch (s.type()) {
        case "index-pattern" -> {
          String time = s.json().path("attributes").path("timeFieldName").asText();
          if (!time.isEmpty()) {
            uses.add(new Use(s.id(), "timeFieldName", c.title(s.id()), time, Need.DATE));
          }
        }
        case "search" -> c.search(s);
        case "dashboard" -> c.dashboard(s);
        default -> { }
      }
    }
    return new FieldUses(List.copyOf(uses), runtime);
  }

  /** The distinct index patterns the uses search. */
  public List<String> indices() {
    return uses.stream().map(Use::index).distinct().toList();
  }

  private record Collector(SourceSet set, Map<String, JsonNode> dataViews, List<Use> uses) {

    String title(String dataViewId) {
      JsonNode dv = dataViews.get(dataViewId);
      return dv == null ? "<missing data view " + dataViewId + ">" : dv.path("title").asText();
    }

    void search(SourceSet.Source s) {
      JsonNode a = s.json().path("attributes");
      String dataView = "";
      for (JsonNode r : s.json().path("references")) {
        if (r.path("type").asText().equals("index-pattern")) {
          dataView = r.path("id").asText();
        }
      }
      String index = title(dataView);
      a.path("columns").forEach(col -> uses.add(new Use(s.id(), "column", index, col.asText(),
          Need.EXISTS)));
      a.path("sort").forEach(sort -> uses.add(new Use(s.id(), "sort", index,
          sort.path(0).asText(), Need.AGGREGATABLE)));
      filters(s.id(), "filter", index,
          a.path("kibanaSavedObjectMeta").path("searchSourceJSON").path("filter"));
    }

    void dashboard(SourceSet.Source s) {
      JsonNode a = s.json().path("attributes");
      a.path("controlGroupInput").path("panelsJSON").forEach(ctl -> {
        JsonNode in = ctl.path("explicitInput");
        uses.add(new Use(s.id(), "control " + in.path("title").asText(),
            title(in.path("dataViewId").asText()), in.path("fieldName").asText(),
            Need.AGGREGATABLE));
      });
      for (ObjectNode panel : SavedObjects.panels(s.json())) {
        String where = panel.path("panelIndex").asText();
        JsonNode config = panel.path("embeddableConfig");
        if (panel.path("type").asText().equals("lens")) {
          lens(s.id(), where, config.path("attributes"));
        } else if (config.path("savedVis").path("type").asText().equals("vega")) {
          vega(s.id(), where, config.path("savedVis").path("params").path("specFile").asText());
        }
      }
    }

    void lens(String id, String where, JsonNode attributes) {
      JsonNode state = attributes.path("state");
      state.path("datasourceStates").path("formBased").path("layers").properties()
          .forEach(layer -> {
            String index = title(LensQueries.dataViewOf(attributes, layer.getKey()));
            filters(id, where + " filter", index, state.path("filters"));
            layer.getValue().path("columns").properties().forEach(col -> {
              JsonNode column = col.getValue();
              String field = column.path("sourceField").asText();
              if (field.isEmpty() || field.equals(LensQueries.RECORDS)) {
                return;
              }
              Need need = switch (column.path("operationType").asText()) {
                case "date_histogram" -> Need.DATE;
                case "sum", "average", "median" -> Need.NUMBER;
                case "max", "min" -> Need.NUMBER_OR_DATE;
                default -> Need.AGGREGATABLE;
              };
              String label = where + " column '" + column.path("label").asText() + "'";
              uses.add(new Use(id, label, index, field, need));
              String sortField = column.path("params").path("sortField").asText();
              if (!sortField.isEmpty()) {
                uses.add(new Use(id, label + " sort", index, sortField, Need.DATE));
              }
            });
          });
    }

    void vega(String id, String where, String specFile) {
      JsonNode spec;
      try {
        spec = JSON.readTree(set.file(SourceSet.VEGA + specFile).orElse("{}"));
      } catch (IOException e) {
        return; // the static check reports a spec that is not JSON
      }
      for (VegaQueries.DataUrl url : VegaQueries.urls(spec)) {
        String index = url.url().path("index").asText();
        String label = where + " data '" + url.name() + "'";
        JsonNode timefield = url.url().path(VegaQueries.TIMEFIELD);
        if (timefield.isTextual()) {
          uses.add(new Use(id, label + " %timefield%", index, timefield.asText(), Need.DATE));
        }
        aggFields(id, label, index, url.url().path("body").path("aggs"), null);
        queryFields(id, label, index, url.url().path("body").path("query"));
      }
    }

    void aggFields(String id, String where, String index, JsonNode node, String aggType) {
      if (node instanceof ObjectNode o) {
        o.properties().forEach(e -> {
          if (e.getKey().equals("field") && e.getValue().isTextual()) {
            uses.add(new Use(id, where + " " + aggType, index, e.getValue().asText(),
                "date_histogram".equals(aggType) ? Need.DATE : Need.AGGREGATABLE));
          } else {
            aggFields(id, where, index, e.getValue(), e.getKey());
          }
        });
      } else if (node != null && node.isArray()) {
        node.forEach(n -> aggFields(id, where, index, n, aggType));
      }
    }

    void filters(String id, String where, String index, JsonNode filters) {
      filters.forEach(f -> queryFields(id, where, index, f.path("query")));
    }

    void queryFields(String id, String where, String index, JsonNode query) {
      if (query instanceof ObjectNode o) {
        o.properties().forEach(e -> {
          if (LEAF_QUERIES.contains(e.getKey()) && e.getValue() instanceof ObjectNode leaf) {
            leaf.fieldNames().forEachRemaining(field -> {
              if (!field.equals("boost") && !field.startsWith("%")) {
                uses.add(new Use(id, where, index, field, Need.SEARCHABLE));
              }
            });
          } else if (e.getKey().equals("exists")) {
            uses.add(new Use(id, where, index, e.getValue().path("field").asText(),
                Need.SEARCHABLE));
          } else {
            queryFields(id, where, index, e.getValue());
          }
        });
      } else if (query != null && query.isArray()) {
        query.forEach(q -> queryFields(id, where, index, q));
      }
    }
  }
}
