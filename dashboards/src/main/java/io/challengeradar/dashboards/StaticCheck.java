package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the sources without a server: ids unique and equal to their file names, the version
 * fields of a Kibana 8.19 export, no dangling reference (top-level, in a Lens panel, a filter's
 * data view, a link in a markdown panel), every panel by value, no legacy visualization type,
 * every Vega spec present, JSON and of Vega 5 or Vega-Lite 5, every Lens accessor a column.
 */
public final class StaticCheck {
  /** Panel types a dashboard may hold: visualizations (Vega, markdown) and Lens, by value. */
  static final Set<String> PANEL_TYPES = Set.of("visualization", "lens");
  /** Visualization types that are not the legacy aggregation-based editors. */
  static final Set<String> VIS_TYPES = Set.of("vega", "markdown");
  static final Set<String> LENS_TYPES = Set.of("lnsXY", "lnsDatatable", "lnsMetric");
  static final String LAYER_REFERENCE = "indexpattern-datasource-layer-";

  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * A markdown link to another dashboard ({@code #/view/ID}, relative, so it stays in the space)
   * or to a saved search in Discover ({@code ../discover#/view/ID}).
   */
  private static final Pattern LINK =
      Pattern.compile("\\]\\((\\.\\./discover)?#/view/([A-Za-z0-9_.-]+)\\)");

  private StaticCheck() {}

  public static List<Problem> check(SourceSet set) {
    List<SourceSet.Source> sources = set.objects();
    List<Problem> problems = new ArrayList<>();
    Map<String, String> typeById = new HashMap<>();
    for (SourceSet.Source s : sources) {
      String id = s.id();
      String label = id.isEmpty() ? s.path() : id;
      if (id.isEmpty()) {
        problems.add(new Problem(label, "", "has no id"));
      } else if (!id.equals(s.fileId())) {
        problems.add(new Problem(label, "", "id differs from its file name " + s.path()));
      }
      if (!s.type().equals(s.folderType())) {
        problems.add(new Problem(label, "", "type '" + s.type() + "' differs from its folder "
            + s.folderType()));
      }
      if (typeById.put(id, s.type()) != null) {
        problems.add(new Problem(label, "", "id is not unique"));
      }
      String expected = KibanaVersions.TYPE_MIGRATION_VERSION.get(s.type());
      if (expected == null) {
        problems.add(new Problem(label, "", "type '" + s.type() + "' is not one this set ships"
            + " (" + KibanaVersions.TYPE_MIGRATION_VERSION.keySet() + ")"));
      } else if (!expected.equals(s.json().path("typeMigrationVersion").asText())) {
        problems.add(new Problem(label, "", "typeMigrationVersion must be " + expected));
      }
      if (!KibanaVersions.CORE_MIGRATION_VERSION.equals(
          s.json().path("coreMigrationVersion").asText())) {
        problems.add(new Problem(label, "", "coreMigrationVersion must be "
            + KibanaVersions.CORE_MIGRATION_VERSION));
      }
    }
    for (SourceSet.Source s : sources) {
      s.json().path("references").forEach(r -> reference(s.id(), "", r, typeById, problems));
      filters(s.id(), "", s.json().path("attributes").path("kibanaSavedObjectMeta")
          .path("searchSourceJSON").path("filter"), typeById, problems);
      if (s.type().equals("dashboard")) {
        dashboard(set, s, typeById, problems);
      }
    }
    return problems;
  }

  private static void dashboard(SourceSet set, SourceSet.Source s, Map<String, String> typeById,
      List<Problem> problems) {
    Set<String> indices = new HashSet<>();
    for (ObjectNode panel : SavedObjects.panels(s.json())) {
      String index = panel.path("panelIndex").asText();
      if (index.isEmpty() || !indices.add(index)) {
        problems.add(new Problem(s.id(), index, "panelIndex missing or not unique"));
      }
      if (!index.equals(panel.path("gridData").path("i").asText())) {
        problems.add(new Problem(s.id(), index, "gridData.i differs from panelIndex"));
      }
      String type = panel.path("type").asText();
      JsonNode config = panel.path("embeddableConfig");
      if (panel.has("panelRefName") || config.has("savedObjectId") || panel.has("id")) {
        problems.add(new Problem(s.id(), index, "panel by reference; every panel must be by"
            + " value"));
      }
      if (!PANEL_TYPES.contains(type)) {
        problems.add(new Problem(s.id(), index, "panel type '" + type + "' is not one of "
            + PANEL_TYPES));
      } else if (type.equals("visualization")) {
        visualization(set, s.id(), index, config.path("savedVis"), typeById, problems);
      } else {
        lens(s.id(), index, config.path("attributes"), typeById, problems);
      }
    }
    s.json().path("attributes").path("controlGroupInput").path("panelsJSON").forEach(c -> {
      String dataView = c.path("explicitInput").path("dataViewId").asText();
      if (!"index-pattern".equals(typeById.get(dataView))) {
        problems.add(new Problem(s.id(), "control " + c.path("explicitInput").path("title")
            .asText(), "data view '" + dataView + "' is not in the set"));
      }
    });
  }

  private static void visualization(SourceSet set, String id, String index, JsonNode vis,
      Map<String, String> typeById, List<Problem> problems) {
    String visType = vis.path("type").asText();
    if (!VIS_TYPES.contains(visType)) {
      problems.add(new Problem(id, index, "legacy or unknown visualization type '" + visType
          + "'; use Vega or Lens"));
      return;
    }
    filters(id, index, vis.path("data").path("searchSource").path("filter"), typeById, problems);
    if (visType.equals("markdown")) {
      Matcher m = LINK.matcher(vis.path("params").path("markdown").asText());
      while (m.find()) {
        String want = m.group(1) == null ? "dashboard" : "search";
        if (!want.equals(typeById.get(m.group(2)))) {
          problems.add(new Problem(id, index, "links to " + want + " '" + m.group(2)
              + "', which is not in the set"));
        }
      }
      return;
    }
    String name = vis.path("params").path("specFile").asText();
    if (name.isEmpty()) {
      problems.add(new Problem(id, index, "Vega panel names no specFile"));
      return;
    }
    String text = set.file(SourceSet.VEGA + name).orElse(null);
    if (text == null) {
      problems.add(new Problem(id, index, "Vega spec " + SourceSet.VEGA + name + " is missing"));
      return;
    }
    JsonNode spec;
    try {
      spec = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      problems.add(new Problem(id, index, "Vega spec " + name + " is not JSON: "
          + e.getOriginalMessage()));
      return;
    }
    String schema = spec.path("$schema").asText();
    if (!schema.matches("https://vega\\.github\\.io/schema/vega(-lite)?/v5(\\.[0-9.]+)?\\.json")) {
      problems.add(new Problem(id, index, "Vega spec " + name + " has $schema '" + schema
          + "'; Kibana 8 runs Vega 5 and Vega-Lite 5"));
    }
    List<VegaQueries.DataUrl> urls = VegaQueries.urls(spec);
    for (VegaQueries.DataUrl u : urls) {
      if (!u.url().path("index").isTextual()) {
        problems.add(new Problem(id, index, "Vega spec " + name + ": data '" + u.name()
            + "' queries no index"));
      }
    }
  }

  private static void lens(String id, String index, JsonNode attributes,
      Map<String, String> typeById, List<Problem> problems) {
    String lensType = attributes.path("visualizationType").asText();
    if (!LENS_TYPES.contains(lensType)) {
      problems.add(new Problem(id, index, "Lens type '" + lensType + "' is not one of "
          + LENS_TYPES));
    }
    Set<String> referenced = new HashSet<>();
    attributes.path("references").forEach(r -> {
      reference(id, index, r, typeById, problems);
      referenced.add(r.path("name").asText());
    });
    JsonNode state = attributes.path("state");
    filters(id, index, state.path("filters"), typeById, problems);
    Set<String> columns = new HashSet<>();
    state.path("datasourceStates").path("formBased").path("layers").properties()
        .forEach(layer -> {
          if (!referenced.contains(LAYER_REFERENCE + layer.getKey())) {
            problems.add(new Problem(id, index, "layer " + layer.getKey() + " has no data view"
                + " reference " + LAYER_REFERENCE + layer.getKey()));
          }
          layer.getValue().path("columns").fieldNames().forEachRemaining(columns::add);
          layer.getValue().path("columnOrder").forEach(c -> {
            if (!layer.getValue().path("columns").has(c.asText())) {
              problems.add(new Problem(id, index, "columnOrder names column " + c.asText()
                  + ", which layer " + layer.getKey() + " lacks"));
            }
          });
        });
    if (columns.isEmpty()) {
      problems.add(new Problem(id, index, "Lens panel has no formBased layer"));
    }
    for (String accessor : LensQueries.accessors(attributes)) {
      if (!columns.contains(accessor)) {
        problems.add(new Problem(id, index, "the visualization shows column " + accessor
            + ", which no layer has"));
      }
    }
  }

  private static void reference(String id, String where, JsonNode ref,
      Map<String, String> typeById, List<Problem> problems) {
    String target = ref.path("id").asText();
    String type = ref.path("type").asText();
    if (!type.equals(typeById.get(target))) {
      problems.add(new Problem(id, where, "dangling reference " + ref.path("name").asText()
          + " to " + type + " '" + target + "'"));
    }
  }

  private static void filters(String id, String where, JsonNode filters,
      Map<String, String> typeById, List<Problem> problems) {
    filters.forEach(f -> {
      String dataView = f.path("meta").path("index").asText();
      if (!dataView.isEmpty() && !"index-pattern".equals(typeById.get(dataView))) {
        problems.add(new Problem(id, where, "filter on data view '" + dataView
            + "', which is not in the set"));
      }
    });
  }
}
