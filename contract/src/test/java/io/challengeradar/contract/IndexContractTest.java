package io.challengeradar.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The contract's field lists and the shipped templates say the same thing, index by index. */
class IndexContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode mappings(Index index) throws Exception {
    return JSON.readTree(index.template().json()).path("template").path("mappings");
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void everyShippedTemplateIsTheTemplateOfOneIndex() {
    assertThat(IndexTemplates.load()).extracting(IndexTemplate::name)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Index.values()).map(Index::indexName).toList());
  }

  @Test
  void everyTemplateAppliesToItsIndex() throws Exception {
    for (Index index : Index.values()) {
      JsonNode patterns = JSON.readTree(index.template().json()).path("index_patterns");
      assertThat(patterns).as(index.indexName()).isNotEmpty();
      boolean matches = false;
      for (JsonNode p : patterns) {
        String pattern = p.asText();
        matches |= pattern.endsWith("*")
            ? index.indexName().startsWith(pattern.substring(0, pattern.length() - 1))
            : index.indexName().equals(pattern);
      }
      assertThat(matches).as(index + " matched by " + patterns).isTrue();
    }
  }

  @Test
  void templatesMapExactlyTheContractsFieldsObjectsIncluded() throws Exception {
    for (Index index : Index.values()) {
      sameFields(index.indexName(), mappings(index).path("properties"), index.fields());
    }
  }

  private static void sameFields(String path, JsonNode properties, DocumentFields fields) {
    assertThat(names(properties)).as(path).isEqualTo(new TreeSet<>(fields.names()));
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      boolean isObject = e.getValue().has("properties");
      assertThat(fields.objects().containsKey(e.getKey()))
          .as(path + "." + e.getKey() + " is an object in the template and the contract")
          .isEqualTo(isObject);
      if (isObject) {
        sameFields(path + "." + e.getKey(), e.getValue().path("properties"),
            fields.objects().get(e.getKey()));
      }
    }
  }

  @Test
  void everyTemplateButTheDeadLettersRefusesUnmappedFields() throws Exception {
    for (Index index : Index.values()) {
      String dynamic = mappings(index).path("dynamic").asText();
      assertThat(dynamic).as(index.indexName()).isEqualTo(index.strict() ? "strict" : "false");
    }
    assertThat(Index.DEADLETTER.strict()).isFalse();
  }

  @Test
  void bothWindowIndicesHoldTheSameDocuments() throws Exception {
    assertThat(mappings(Index.HASHTAG_WINDOWS)).isEqualTo(mappings(Index.SOUND_WINDOWS));
    assertThat(mappings(Index.ALERTS).at("/properties/windows/properties"))
        .isEqualTo(mappings(Index.HASHTAG_WINDOWS).path("properties"));
  }

  @Test
  void tagKindsNameTheirWindowIndicesAndParseTheirWireNames() {
    assertThat(TagKind.HASHTAG.windowIndex()).isEqualTo("radar-hashtag-windows");
    assertThat(TagKind.SOUND.windows()).isEqualTo(Index.SOUND_WINDOWS);
    assertThat(TagKind.fromWire("sound")).contains(TagKind.SOUND);
    assertThat(TagKind.fromWire("SOUND")).isEmpty();
  }

  @Test
  void theVideosVectorIsInItsOwnIndex() throws Exception {
    // A video's document is rewritten with every snapshot; a vector in it would be indexed into
    // the kNN graph again each time.
    assertThat(mappings(Index.VIDEOS).toString()).doesNotContain("dense_vector");
    assertThat(mappings(Index.EMBEDDINGS).at("/properties/embedding/type").asText())
        .isEqualTo("dense_vector");
    assertThat(mappings(Index.EMBEDDINGS).at("/properties/embedding/dims").asInt()).isEqualTo(384);
  }

  @Test
  void jobWritesEveryIndexButEngagement() {
    assertThat(Index.written()).doesNotContain(Index.ENGAGEMENT).hasSize(Index.values().length - 1);
    assertThat(Index.named("radar-hashtags")).contains(Index.HASHTAGS);
  }
}
