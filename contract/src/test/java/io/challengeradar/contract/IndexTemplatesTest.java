package io.challengeradar.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void loadsEveryShippedTemplateWithItsVersion() {
    List<IndexTemplate> templates = IndexTemplates.load();

    assertThat(templates).extracting(IndexTemplate::name)
        .contains("radar-videos", "radar-engagement", "radar-deadletter")
        .doesNotHaveDuplicates();
    assertThat(templates).allSatisfy(t -> assertThat(t.version()).isPositive());
  }

  @Test
  void everyIndexButTheDeadLetterRefusesUnknownFields() throws Exception {
    Map<String, String> dynamic = new TreeMap<>();
    for (IndexTemplate template : IndexTemplates.load()) {
      dynamic.put(template.name(),
          JSON.readTree(template.json()).path("template").path("mappings").path("dynamic").asText());
    }

    // Named first, so that the check below cannot pass over an empty or renamed list.
    assertThat(dynamic).containsKeys("radar-videos", "radar-engagement", "radar-deadletter");
    // A dead letter keeps whatever a bad record carried, unindexed, instead of refusing it.
    assertThat(dynamic.remove("radar-deadletter")).isEqualTo("false");
    assertThat(dynamic).allSatisfy((name, mode) -> assertThat(mode).as(name).isEqualTo("strict"));
  }

  @Test
  void videosMapEveryPostFieldAndTheLatestCounters() throws Exception {
    IndexTemplate videos = IndexTemplates.load().stream()
        .filter(t -> t.name().equals("radar-videos")).findFirst().orElseThrow();
    JsonNode properties =
        JSON.readTree(videos.json()).path("template").path("mappings").path("properties");

    for (var component : io.challengeradar.core.event.Post.class.getRecordComponents()) {
      assertThat(properties.has(component.getName())).as(component.getName()).isTrue();
    }
    assertThat(properties.path("createdAt").path("type").asText()).isEqualTo("date");
    assertThat(properties.path("hashtags").path("type").asText()).isEqualTo("keyword");
    assertThat(properties.path("views").path("type").asText()).isEqualTo("long");
    assertThat(properties.has("observedAt")).isTrue();
  }

  @Test
  void deadLetterStoresTheRawPayloadWithoutIndexingIt() throws Exception {
    IndexTemplate deadLetter = IndexTemplates.load().stream()
        .filter(t -> t.name().equals("radar-deadletter")).findFirst().orElseThrow();
    JsonNode raw = JSON.readTree(deadLetter.json())
        .path("template").path("mappings").path("properties").path("raw");

    assertThat(raw.path("index").asBoolean(true)).isFalse();
  }

  @Test
  void rejectsATemplateWithoutVersionNamingTheField() {
    assertThatThrownBy(() -> IndexTemplates.parse("x.json", "{\"index_patterns\":[\"x*\"]}", "x"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("'version'");
  }

  @Test
  void rejectsATemplateWithoutIndexPatterns() {
    assertThatThrownBy(() -> IndexTemplates.parse("x.json", "{\"version\":2}", "x"))
        .hasMessageContaining("'index_patterns'");
  }

  @Test
  void listSkipsCommentsAndRejectsPaths() {
    assertThat(IndexTemplates.entries("# c\n\n a.json \n")).containsExactly("a.json");
    assertThatThrownBy(() -> IndexTemplates.entries("../b.json"))
        .hasMessageContaining("plain file names");
  }
}
