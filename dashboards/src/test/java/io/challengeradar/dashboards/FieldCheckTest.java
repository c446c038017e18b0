package io.challengeradar.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field check against what the contract's templates map, without a server (the IT holds the
 * same uses against a live Elasticsearch's {@code _field_caps}).
 */
class FieldCheckTest {
  @TempDir Path folder;

  @Test
  void namesAPanelThatReadsAFieldTheMappingLacks() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Fixtures.edit(folder, "dashboard/radar-emerging-now.json", d -> ((ObjectNode) Fixtures
        .panel(d, "surge").path("embeddableConfig").path("attributes").path("state")
        .path("datasourceStates").path("formBased").path("layers").path("layer-surge")
        .path("columns").path("surge")).put("sourceField", "surgeScore"));
    assertThat(messages(set)).containsExactly("radar-emerging-now [surge column 'Surge']: field"
        + " 'surgeScore' is not in the mapping of radar-hashtag-windows");
  }

  @Test
  void namesASumOverAKeyword() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Fixtures.edit(folder, "dashboard/radar-sounds.json", d -> ((ObjectNode) Fixtures
        .panel(d, "top").path("embeddableConfig").path("attributes").path("state")
        .path("datasourceStates").path("formBased").path("layers").path("layer-top")
        .path("columns").path("np")).put("sourceField", "tag"));
    assertThat(messages(set)).containsExactly("radar-sounds [top column 'New participants']:"
        + " field 'tag' of radar-sound-windows (keyword) is not an aggregatable number");
  }

  @Test
  void namesAVegaQueryOnAFieldThatWasRenamed() throws Exception {
    SourceSet set = Fixtures.copyOfShipped(folder);
    Path spec = folder.resolve("vega/rank-change-sounds.json");
    java.nio.file.Files.writeString(spec, java.nio.file.Files.readString(spec)
        .replace("\"newParticipants\"", "\"joiners\""));
    assertThat(messages(set)).containsExactly("radar-sounds [rank data 'ranks' sum]: field"
        + " 'joiners' is not in the mapping of radar-sound-windows");
  }

  @Test
  void takesADataViewsRuntimeFieldAsAField() {
    FieldUses uses = new FieldUses(List.of(new FieldUses.Use("x", "p", "radar-videos", "tag",
        FieldUses.Need.AGGREGATABLE)), Map.of("radar-videos", Map.of("tag", "keyword")));
    assertThat(FieldCheck.check(uses, ContractFields.all())).isEmpty();
  }

  @Test
  void refusesATextFieldForTermsAndAFieldOfAnotherIndex() {
    FieldUses uses = new FieldUses(List.of(
        new FieldUses.Use("x", "p", "radar-videos", "caption", FieldUses.Need.AGGREGATABLE),
        new FieldUses.Use("y", "q", "radar-deadletter", "views", FieldUses.Need.EXISTS)),
        Map.of());
    assertThat(FieldCheck.check(uses, ContractFields.all())).map(Problem::toString)
        .containsExactly("x [p]: field 'caption' of radar-videos (text) is not aggregatable",
            "y [q]: field 'views' is not in the mapping of radar-deadletter");
  }

  private static List<String> messages(SourceSet set) {
    return FieldCheck.check(FieldUses.of(set), ContractFields.all()).stream()
        .map(Problem::toString).toList();
  }
}
