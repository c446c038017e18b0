package io.challengeradar.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes the readable sources into what Kibana's import API takes: one saved object a line, with
 * the fields Kibana stores as JSON inside a string ({@code panelsJSON}, {@code searchSourceJSON},
 * a Vega panel's {@code spec}...) turned back into strings, and the references Kibana keeps at
 * the dashboard's top level (a Lens panel's data views, a control's data view) gathered there.
 *
 * <p>{@code main} is the build's step: it checks the shipped sources ({@link StaticCheck}, and
 * every field they name against the contract's templates) and writes
 * {@code target/challenge-radar-kibana.ndjson}.
 */
public final class SavedObjects {
  /** The file name the build writes and {@code radar dashboards export} suggests. */
  public static final String FILE_NAME = "challenge-radar-kibana.ndjson";

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = new ObjectMapper();

  /** The JSON-in-string fields of each type, as paths under {@code attributes}. */
  private static final Map<String, List<String>> STRING_FIELDS = Map.of(
      "index-pattern", List.of("fieldAttrs", "fieldFormatMap", "fields", "runtimeFieldMap",
          "sourceFilters", "typeMeta"),
      "search", List.of("kibanaSavedObjectMeta/searchSourceJSON"),
      "visualization", List.of("visState", "uiStateJSON", "kibanaSavedObjectMeta/searchSourceJSON"),
      "dashboard", List.of("panelsJSON", "optionsJSON", "kibanaSavedObjectMeta/searchSourceJSON",
          "controlGroupInput/panelsJSON", "controlGroupInput/ignoreParentSettingsJSON"));

  private SavedObjects() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SavedObjects OUT.ndjson");
    }
    SourceSet shipped = SourceSet.shipped();
    Problem.failOn("the static check of " + shipped, StaticCheck.check(shipped));
    Problem.failOn("the field check against the contract's templates",
        FieldCheck.check(FieldUses.of(shipped), ContractFields.all()));
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, ndjson(shipped), StandardCharsets.UTF_8);
    System.out.println("wrote " + out + " (" + encode(shipped).size() + " saved objects)");
  }

  /** The importable file: every object of {@code set}, encoded, one a line. */
  public static String ndjson(SourceSet set) {
    StringBuilder out = new StringBuilder();
    for (ObjectNode o : encode(set)) {
      try {
        out.append(COMPACT.writeValueAsString(o)).append('\n');
      } catch (JsonProcessingException e) {
        throw new DashboardException("cannot write " + o.path("id").asText(), e);
      }
    }
    return out.toString();
  }

  /** Every object of {@code set} as Kibana imports it. */
  public static List<ObjectNode> encode(SourceSet set) {
    List<ObjectNode> out = new ArrayList<>();
    for (SourceSet.Source s : set.objects()) {
      out.add(encode(set, s));
    }
    return out;
  }

  /** The dashboard's panels as the source writes them (the spec files not yet inlined). */
  public static List<ObjectNode> panels(ObjectNode dashboard) {
    List<ObjectNode> out = new ArrayList<>();
    dashboard.path("attributes").path("panelsJSON").forEach(p -> {
      if (p instanceof ObjectNode o) {
        out.add(o);
      }
    });
    return out;
  }

  private static ObjectNode encode(SourceSet set, SourceSet.Source source) {
    ObjectNode o = source.json().deepCopy();
    String type = source.type();
    if (type.equals("dashboard")) {
      inlineSpecs(set, source, o);
      gatherReferences(o);
    }
    ObjectNode attributes = (ObjectNode) o.path("attributes");
    for (String path : STRING_FIELDS.getOrDefault(type, List.of())) {
      stringify(attributes, path.split("/"), 0);
    }
    return o;
  }

  /** A Vega panel names its spec file; Kibana stores the spec's text. */
  private static void inlineSpecs(SourceSet set, SourceSet.Source source, ObjectNode dashboard) {
    for (ObjectNode panel : panels(dashboard)) {
      JsonNode params = panel.path("embeddableConfig").path("savedVis").path("params");
      if (params instanceof ObjectNode p && p.has("specFile")) {
        String name = p.get("specFile").asText();
        String text = set.file(SourceSet.VEGA + name).orElseThrow(() -> new DashboardException(
            source.id() + " [" + panel.path("panelIndex").asText() + "]: no Vega spec "
                + SourceSet.VEGA + name + " in " + set));
        p.remove("specFile");
        p.put("spec", text);
      }
    }
  }

  /**
   * Kibana keeps a by-value panel's references at the dashboard's top level, each name prefixed
   * with the panel's index; the source writes them once, in the panel (and the control's data
   * view in the control).
   */
  private static void gatherReferences(ObjectNode dashboard) {
    ArrayNode refs = dashboard.withArray("references");
    Set<String> names = new LinkedHashSet<>();
    refs.forEach(r -> names.add(r.path("name").asText()));
    for (ObjectNode panel : panels(dashboard)) {
      String index = panel.path("panelIndex").asText();
      panel.path("embeddableConfig").path("attributes").path("references").forEach(r -> {
        String name = index + ":" + r.path("name").asText();
        if (names.add(name)) {
          refs.add(COMPACT.createObjectNode().put("type", r.path("type").asText())
              .put("id", r.path("id").asText()).put("name", name));
        }
      });
    }
    dashboard.path("attributes").path("controlGroupInput").path("panelsJSON").properties()
        .forEach(e -> {
          JsonNode input = e.getValue().path("explicitInput");
          if (input.has("dataViewId")) {
            String kind = e.getValue().path("type").asText().equals("rangeSliderControl")
                ? "rangeSliderDataView" : "optionsListDataView";
            String name = "controlGroup_" + e.getKey() + ":" + kind;
            if (names.add(name)) {
              refs.add(COMPACT.createObjectNode().put("type", "index-pattern")
                  .put("id", input.get("dataViewId").asText()).put("name", name));
            }
          }
        });
  }

  private static void stringify(ObjectNode parent, String[] path, int at) {
    JsonNode child = parent.get(path[at]);
    if (child == null) {
      return;
    }
    if (at < path.length - 1) {
      if (child instanceof ObjectNode o) {
        stringify(o, path, at + 1);
      }
      return;
    }
    if (!child.isTextual()) {
      try {
        parent.put(path[at], COMPACT.writeValueAsString(child));
      } catch (JsonProcessingException e) {
        throw new DashboardException("cannot encode " + String.join(".", path), e);
      }
    }
  }
}
