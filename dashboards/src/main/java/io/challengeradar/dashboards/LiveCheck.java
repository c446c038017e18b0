package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks that need a live Elasticsearch: every field use against {@code _field_caps} of its
 * index pattern, every Vega query filled as Kibana fills it and run (its response inlined into a
 * copy of the spec, ready to render), and every Lens layer translated and run.
 */
public final class LiveCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LiveCheck() {}

  /** What the checks ask of Elasticsearch. */
  public interface Elasticsearch {
    /** {@code GET <index>/_field_caps?fields=*}. */
    JsonNode fieldCaps(String index) throws IOException;

    /**
     * {@code POST <index>/_search}.
     *
     * @throws Refused when Elasticsearch refuses the query or a shard fails it
     */
    JsonNode search(String index, JsonNode body) throws IOException;
  }

  /** Elasticsearch refused a query; the message is its reason. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    public Refused(String reason) {
      super(reason);
    }
  }

  /**
   * One Vega panel run against live data.
   *
   * @param dashboardId the dashboard
   * @param panelIndex the panel
   * @param specFile its spec's file
   * @param spec the spec with every query's response inlined as Kibana hands it over
   * @param rows each data source's rows: the length of the array the spec's
   *     {@code format.property} points to (-1 where it points to no array)
   */
  public record VegaRun(String dashboardId, String panelIndex, String specFile, ObjectNode spec,
      Map<String, Integer> rows) {}

  /**
   * One Lens layer run against live data.
   *
   * @param fields the fields its columns read
   * @param filtered whether the panel filters its data
   * @param buckets the top-level buckets, or for a layer without bucket columns the hits
   */
  public record LensRun(String dashboardId, String panelIndex, String layerId, String dataViewId,
      List<String> fields, boolean filtered, long buckets) {}

  /** What the query checks found. */
  public record Report(List<Problem> problems, List<VegaRun> vega, List<LensRun> lens) {}

  /** Every field use against the live {@code _field_caps} of its index pattern. */
  public static List<Problem> fields(SourceSet set, Elasticsearch es) throws IOException {
    FieldUses uses = FieldUses.of(set);
    Map<String, Map<String, FieldCheck.Caps>> caps = new LinkedHashMap<>();
    for (String index : uses.indices()) {
      caps.put(index, FieldCheck.parse(es.fieldCaps(index)));
    }
    return FieldCheck.check(uses, caps);
  }

  /**
   * Runs every Vega query and Lens layer of every dashboard, each in the context {@code contexts}
   * gives its dashboard.
   */
  public static Report queries(SourceSet set, Elasticsearch es,
      Function<String, KibanaContext> contexts) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<VegaRun> vega = new ArrayList<>();
    List<LensRun> lens = new ArrayList<>();
    Map<String, JsonNode> dataViews = new LinkedHashMap<>();
    for (SourceSet.Source s : set.objects()) {
      if (s.type().equals("index-pattern")) {
        dataViews.put(s.id(), s.json());
      }
    }
    for (SourceSet.Source s : set.objects()) {
      if (!s.type().equals("dashboard")) {
        continue;
      }
      KibanaContext context = contexts.apply(s.id());
      for (ObjectNode panel : SavedObjects.panels(s.json())) {
        String index = panel.path("panelIndex").asText();
        JsonNode config = panel.path("embeddableConfig");
        try {
          if (panel.path("type").asText().equals("lens")) {
            JsonNode attributes = config.path("attributes");
            boolean filtered = attributes.path("state").path("filters").size() > 0;
            for (LensQueries.LayerSearch l : LensQueries.searches(attributes, dataViews,
                context)) {
              String title = dataViews.get(l.dataViewId()).path("attributes").path("title")
                  .asText();
              JsonNode r = es.search(title, l.body());
              long buckets = r.path("aggregations").has("layer")
                  ? r.path("aggregations").path("layer").path("buckets").size()
                  : r.path("hits").path("total").path("value").asLong();
              List<String> fields = attributes.path("state").path("datasourceStates")
                  .path("formBased").path("layers").path(l.layerId()).path("columns")
                  .findValuesAsText("sourceField");
              lens.add(new LensRun(s.id(), index, l.layerId(), l.dataViewId(), fields, filtered,
                  buckets));
            }
          } else if (config.path("savedVis").path("type").asText().equals("vega")) {
            String file = config.path("savedVis").path("params").path("specFile").asText();
            vega.add(vega(set, es, s.id(), index, file, context));
          }
        } catch (Refused e) {
          problems.add(new Problem(s.id(), index, "Elasticsearch refused the query: "
              + e.getMessage()));
        } catch (DashboardException e) {
          problems.add(new Problem(s.id(), index, e.getMessage()));
        }
      }
    }
    return new Report(problems, vega, lens);
  }

  private static VegaRun vega(SourceSet set, Elasticsearch es, String dashboardId,
      String panelIndex, String file, KibanaContext context) throws IOException {
    ObjectNode spec = (ObjectNode) JSON.readTree(set.file(SourceSet.VEGA + file).orElseThrow(
        () -> new DashboardException("Vega spec " + file + " is missing")));
    Map<String, Integer> rows = new LinkedHashMap<>();
    for (VegaQueries.DataUrl url : VegaQueries.urls(spec)) {
      VegaQueries.Search search = VegaQueries.fill(url.url(), context);
      JsonNode response;
      try {
        response = es.search(search.index(), search.body());
      } catch (Refused e) {
        throw new Refused("Vega spec " + file + ", data '" + url.name() + "': " + e.getMessage());
      }
      JsonNode read = at(response, url.data().path("format").path("property").asText(""));
      rows.put(url.name(), read.isArray() ? read.size() : -1);
      VegaQueries.inline(url, response);
    }
    return new VegaRun(dashboardId, panelIndex, file, spec, rows);
  }

  /** The node at a dotted path, as Vega's format.property reads it. */
  static JsonNode at(JsonNode node, String path) {
    JsonNode n = node;
    if (!path.isEmpty()) {
      for (String part : path.split("\\.")) {
        n = n.path(part);
      }
    }
    return n;
  }
}
