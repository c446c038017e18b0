package io.challengeradar.core.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link Scenario} (the file {@code radar generate --truth} writes): instants
 * as ISO-8601 strings, fields in a fixed order, so the same scenario gives the same bytes.
 * Reading is strict about the fields it needs and names the one that is wrong.
 */
public final class ScenarioJson {
  // The caller owns the reader or writer: it is flushed, never closed.
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
              .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
              .build());

  private ScenarioJson() {}

  public static void write(Scenario s, Writer out) throws IOException {
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      // '\n' rather than the platform's line separator: the same scenario gives the same bytes.
      g.setPrettyPrinter(new DefaultPrettyPrinter()
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withObjectIndenter(new DefaultIndenter("  ", "\n")));
      g.writeStartObject();
      g.writeNumberField("seed", s.seed());
      g.writeStringField("start", s.start().toString());
      g.writeStringField("end", s.end().toString());
      g.writeNumberField("posts", s.posts());
      g.writeArrayFieldStart("challenges");
      for (Scenario.Challenge c : s.challenges()) {
        g.writeStartObject();
        g.writeStringField("tag", c.tag());
        g.writeStringField("topic", c.topic());
        g.writeStringField("musicId", c.musicId());
        g.writeStringField("emergence", c.emergence().toString());
        g.writeStringField("peak", c.peak().toString());
        g.writeStringField("fade", c.fade().toString());
        g.writeNumberField("participants", c.participants());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeStrings(g, "genericTags", s.genericTags());
      g.writeObjectFieldStart("topicTags");
      for (Map.Entry<String, List<String>> e : s.topicTags().entrySet()) {
        writeStrings(g, e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("authors");
      // One compact author per line keeps a large truth file readable and diffable.
      for (Scenario.Author a : s.authors()) {
        g.writeRawValue(compact(a));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static String compact(Scenario.Author a) throws IOException {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", a.id());
      g.writeStringField("handle", a.handle());
      g.writeNumberField("followers", a.followers());
      g.writeStringField("language", a.language());
      g.writeStringField("region", a.region());
      writeStrings(g, "interests", a.interests());
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** Reads a scenario; a missing or malformed field is an {@link IOException} that names it. */
  public static Scenario read(Reader in) throws IOException {
    JsonNode root = JSON.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IOException("scenario: expected a JSON object");
    }
    List<Scenario.Challenge> challenges = new ArrayList<>();
    JsonNode list = array(root, "challenges");
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String at = "challenges[" + i + "].";
      JsonNode music = c.get("musicId");
      challenges.add(new Scenario.Challenge(
          text(c, "tag", at),
          text(c, "topic", at),
          music == null || music.isNull() ? null : music.asText(),
          instant(c, "emergence", at),
          instant(c, "peak", at),
          instant(c, "fade", at),
          (int) number(c, "participants", at)));
    }
    Map<String, List<String>> topicTags = new LinkedHashMap<>();
    JsonNode topics = root.get("topicTags");
    if (topics == null || !topics.isObject()) {
      throw new IOException("topicTags: expected an object of tag lists");
    }
    for (Map.Entry<String, JsonNode> e : topics.properties()) {
      topicTags.put(e.getKey(), strings(topics, e.getKey(), "topicTags."));
    }
    List<Scenario.Author> authors = new ArrayList<>();
    JsonNode people = array(root, "authors");
    for (int i = 0; i < people.size(); i++) {
      JsonNode a = people.get(i);
      String at = "authors[" + i + "].";
      authors.add(new Scenario.Author(
          text(a, "id", at),
          text(a, "handle", at),
          number(a, "followers", at),
          text(a, "language", at),
          text(a, "region", at),
          strings(a, "interests", at)));
    }
    return new Scenario(
        number(root, "seed", ""),
        instant(root, "start", ""),
        instant(root, "end", ""),
        (int) number(root, "posts", ""),
        challenges,
        strings(root, "genericTags", ""),
        topicTags,
        authors);
  }

  private static JsonNode array(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new IOException(field + ": expected an array");
    }
    return v;
  }

  private static String text(JsonNode node, String field, String at) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException(at + field + ": expected a string");
    }
    return v.textValue();
  }

  private static long number(JsonNode node, String field, String at) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new IOException(at + field + ": expected a whole number");
    }
    return v.longValue();
  }

  private static Instant instant(JsonNode node, String field, String at) throws IOException {
    String text = text(node, field, at);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IOException(at + field + ": '" + text + "' is not an ISO-8601 instant", e);
    }
  }

  private static List<String> strings(JsonNode node, String field, String at) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new IOException(at + field + ": expected an array of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new IOException(at + field + "[" + i + "]: expected a string");
      }
      out.add(v.get(i).textValue());
    }
    return out;
  }
}
