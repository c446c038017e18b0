package io.challengeradar.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of the shipped set: each check names the object and the reason. */
class StaticCheckTest {
  private static final String EMERGING = "dashboard/radar-emerging-now.json";

  @TempDir Path folder;

  @Test
  void aCopyOfTheShippedSetHasNoProblem() throws Exception {
    assertThat(StaticCheck.check(Fixtures.copyOfShipped(folder))).isEmpty();
  }

  @Test
  void namesADanglingReference() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Fixtures.edit(folder, EMERGING, d -> ((ObjectNode) Fixtures.panel(d, "surge")
        .path("embeddableConfig").path("attributes").path("references").get(0))
        .put("id", "radar-no-such-view"));
    assertThat(messages(set)).containsExactly("radar-emerging-now [surge]: dangling reference"
        + " indexpattern-datasource-layer-layer-surge to index-pattern 'radar-no-such-view'");
  }

  @Test
  void namesABrokenVegaSpecInEveryDashboardThatShowsIt() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Files.writeString(folder.resolve("vega/share-vs-baseline.json"), "{ \"$schema\": ");
    assertThat(messages(set)).hasSize(2).allSatisfy(m -> assertThat(m)
        .matches("radar-(emerging-now|challenge-detail) \\[share\\]: Vega spec"
            + " share-vs-baseline.json is not JSON: .*"));
  }

  @Test
  void refusesAVegaSpecKibana8CannotRun() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Path spec = folder.resolve("vega/stage-timeline.json");
    Files.writeString(spec, Files.readString(spec).replace("vega-lite/v5", "vega-lite/v6"));
    assertThat(messages(set)).singleElement().asString()
        .startsWith("radar-challenge-detail [stages]: Vega spec stage-timeline.json has $schema")
        .endsWith("Kibana 8 runs Vega 5 and Vega-Lite 5");
  }

  @Test
  void namesAMissingSpecFile() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Files.delete(folder.resolve("vega/co-hashtags.json"));
    assertThat(messages(set)).containsExactly(
        "radar-challenge-detail [related]: Vega spec vega/co-hashtags.json is missing");
  }

  @Test
  void refusesAPanelByReferenceAndALegacyVisualization() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Fixtures.edit(folder, EMERGING, d -> {
      Fixtures.panel(d, "nav").put("panelRefName", "panel_nav");
      ((ObjectNode) Fixtures.panel(d, "trend").path("embeddableConfig").path("savedVis"))
          .put("type", "line");
    });
    assertThat(messages(set)).containsExactly(
        "radar-emerging-now [nav]: panel by reference; every panel must be by value",
        "radar-emerging-now [trend]: legacy or unknown visualization type 'line'; use Vega or"
            + " Lens");
  }

  @Test
  void refusesAnIdThatIsNotItsFileNameAndADuplicateId() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Fixtures.edit(folder, "dashboard/radar-sounds.json", d -> d.put("id", "radar-risk-watch"));
    assertThat(messages(set)).contains(
        "radar-risk-watch: id differs from its file name dashboard/radar-sounds.json",
        "radar-risk-watch: id is not unique");
  }

  @Test
  void refusesAVersionNewerThanKibana819Writes() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Fixtures.edit(folder, EMERGING, d -> d.put("typeMigrationVersion", "11.0.0"));
    assertThat(messages(set)).containsExactly(
        "radar-emerging-now: typeMigrationVersion must be 10.2.0");
  }

  @Test
  void namesALinkToADashboardThatIsNotThere() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Fixtures.edit(folder, EMERGING, d -> {
      ObjectNode params = (ObjectNode) Fixtures.panel(d, "nav").path("embeddableConfig")
          .path("savedVis").path("params");
      params.put("markdown", params.get("markdown").asText()
          .replace("#/view/radar-sounds", "#/view/radar-songs"));
    });
    assertThat(messages(set)).containsExactly(
        "radar-emerging-now [nav]: links to dashboard 'radar-songs', which is not in the set");
  }

  private static List<String> messages(SourceSet set) {
    return StaticCheck.check(set).stream().map(Problem::toString).toList();
  }
}
