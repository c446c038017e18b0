package io.challengeradar.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the codec must describe the same format. */
class EventSchemaTest {

  private static final Path SCHEMA = Path.of("..", "docs", "event.schema.json");
  private static final EventCodec CODEC = EventCodec.withDefaults();

  @Test
  void schemaListsExactlyTheFieldsTheCodecWritesAndRequires() throws Exception {
    JsonNode defs = new ObjectMapper().readTree(Files.readString(SCHEMA)).get("$defs");

    Post full =
        Post.of("v", "a", Instant.parse("2021-01-01T00:00:00Z"), "c", List.of("t"), "m", 5)
            .withFollowerCount(1L)
            .withAuthorHandle("h")
            .withThumbnailUrl("u")
            .withLocale("en", "US");
    Post minimal = Post.of("v", "a", Instant.parse("2021-01-01T00:00:00Z"), "", List.of(), null, null);
    EngagementSnapshot fullSnap =
        new EngagementSnapshot("v", Instant.parse("2021-01-01T00:00:00Z"), 1, 1, 1, 1, 1L);
    EngagementSnapshot minimalSnap =
        new EngagementSnapshot("v", Instant.parse("2021-01-01T00:00:00Z"), 1, 1, 1, 1, null);

    assertThat(fieldsOf(full)).isEqualTo(names(defs.get("post").get("properties").fieldNames()));
    assertThat(fieldsOf(minimal)).isEqualTo(values(defs.get("post").get("required")));
    assertThat(fieldsOf(fullSnap))
        .isEqualTo(names(defs.get("engagement").get("properties").fieldNames()));
    assertThat(fieldsOf(minimalSnap)).isEqualTo(values(defs.get("engagement").get("required")));
  }

  @Test
  void schemaCaptionLimitIsTheCodecDefault() throws Exception {
    JsonNode caption =
        new ObjectMapper().readTree(Files.readString(SCHEMA)).at("/$defs/post/properties/caption");
    assertThat(caption.get("maxLength").asInt()).isEqualTo(CodecOptions.DEFAULT_MAX_CAPTION_CHARS);
  }

  private static Set<String> fieldsOf(Event event) throws Exception {
    return names(new ObjectMapper().readTree(CODEC.encode(event)).fieldNames());
  }

  private static Set<String> names(java.util.Iterator<String> it) {
    Set<String> out = new TreeSet<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static Set<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return new TreeSet<>(out);
  }
}
