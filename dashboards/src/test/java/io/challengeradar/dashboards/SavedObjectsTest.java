package io.challengeradar.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SavedObjectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shippedSetPassesTheStaticCheckAndTheContractFieldCheck() {
    SourceSet shipped = SourceSet.shipped();
    assertThat(StaticCheck.check(shipped)).isEmpty();
    assertThat(FieldCheck.check(FieldUses.of(shipped), ContractFields.all())).isEmpty();
  }

  @Test
  void shipsAtLeastFiveDashboardsOverTheContractsDataViews() {
    Map<String, List<String>> byType = SavedObjects.encode(SourceSet.shipped()).stream()
        .collect(Collectors.groupingBy(o -> o.path("type").asText(),
            Collectors.mapping(o -> o.path("id").asText(), Collectors.toList())));
    assertThat(byType.get("dashboard")).contains("radar-emerging-now", "radar-challenge-detail",
        "radar-sounds", "radar-risk-watch", "radar-pipeline-health");
    assertThat(byType.get("index-pattern")).contains("radar-hashtag-windows",
        "radar-challenge-alerts", "radar-videos", "radar-deadletter");
    assertThat(byType.get("search")).isNotEmpty();
  }

  @Test
  void encodesKibanasJsonInStringFieldsAsStrings() throws Exception {
    for (ObjectNode o : SavedObjects.encode(SourceSet.shipped())) {
      JsonNode a = o.path("attributes");
      assertThat(o.path("coreMigrationVersion").asText()).isEqualTo("8.8.0");
      assertThat(o.path("typeMigrationVersion").asText())
          .isEqualTo(KibanaVersions.TYPE_MIGRATION_VERSION.get(o.path("type").asText()));
      switch (o.path("type").asText()) {
        case "index-pattern" -> {
          assertThat(a.path("fields").isTextual()).isTrue();
          assertThat(a.path("runtimeFieldMap").isTextual()).isTrue();
        }
        case "search" -> assertThat(JSON.readTree(a.path("kibanaSavedObjectMeta")
            .path("searchSourceJSON").asText()).path("indexRefName").asText())
            .isEqualTo("kibanaSavedObjectMeta.searchSourceJSON.index");
        case "dashboard" -> {
          assertThat(a.path("optionsJSON").isTextual()).isTrue();
          JsonNode panels = JSON.readTree(a.path("panelsJSON").asText());
          assertThat(panels.isArray()).isTrue();
          for (JsonNode p : panels) {
            JsonNode vis = p.path("embeddableConfig").path("savedVis");
            if (vis.path("type").asText().equals("vega")) {
              assertThat(vis.path("params").has("specFile")).isFalse();
              assertThat(JSON.readTree(vis.path("params").path("spec").asText())
                  .path("$schema").asText()).contains("/v5");
            }
          }
        }
        default -> throw new AssertionError("unexpected type in " + o);
      }
    }
  }

  @Test
  void gathersEachLensLayersAndControlsDataViewAtTheDashboardsTopLevel() {
    ObjectNode detail = SavedObjects.encode(SourceSet.shipped()).stream()
        .filter(o -> o.path("id").asText().equals("radar-challenge-detail")).findFirst()
        .orElseThrow();
    List<String> names = detail.path("references").findValuesAsText("name");
    assertThat(names).contains("videos:indexpattern-datasource-layer-layer-videos",
        "controlGroup_tag:optionsListDataView");
  }

  @Test
  void writesOneObjectALine() {
    String ndjson = SavedObjects.ndjson(SourceSet.shipped());
    String[] lines = ndjson.split("\n");
    assertThat(lines).hasSize(SourceSet.shipped().objects().size());
    assertThat(lines).allSatisfy(l -> assertThat(JSON.readTree(l).path("id").asText())
        .isNotEmpty());
  }
}
