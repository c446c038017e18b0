package io.challengeradar.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The canonical NDJSON codec (see docs/events.md). Decoding is strict: anything that is not exactly
 * a valid event is refused with an {@link InvalidEventException} naming the field and the reason;
 * no field is ever given a default. Encoding writes fields in a fixed order, so equal events give
 * equal bytes. Instances are immutable and thread-safe.
 *
 * <p>Over 300 lines on purpose: every field check sits beside the decoder that applies it, so the
 * whole wire contract of an event line reads in one file.
 */
public final class EventCodec implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private static final Set<String> POST_FIELDS =
      Set.of(
          "type", "videoId", "authorId", "createdAt", "caption", "hashtags", "musicId",
          "durationSec", "followerCount", "authorHandle", "thumbnailUrl", "language", "region");
  private static final Set<String> ENGAGEMENT_FIELDS =
      Set.of(
          "type", "videoId", "observedAt", "views", "likes", "comments", "shares", "downloads");

  private final CodecOptions options;

  public EventCodec(CodecOptions options) {
    this.options = options;
  }

  public static EventCodec withDefaults() {
    return new EventCodec(CodecOptions.defaults());
  }

  public CodecOptions options() {
    return options;
  }

  /** Decodes one line given as raw bytes, refusing bytes that are not valid UTF-8. */
  public Event decode(byte[] line) throws InvalidEventException {
    if (line.length > options.maxLineBytes()) {
      throw lineTooLong(line.length);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidEventException(InvalidEventException.WHOLE_LINE, "line is not valid UTF-8");
    }
    return decode(text);
  }

  /** Decodes one NDJSON line. */
  public Event decode(String line) throws InvalidEventException {
    // A UTF-8 length bound without encoding: every char is at most 3 bytes.
    if ((long) line.length() * 3 > options.maxLineBytes()) {
      int bytes = line.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > options.maxLineBytes()) {
        throw lineTooLong(bytes);
      }
    }
    JsonNode root;
    try (JsonParser parser = JSON.createParser(line)) {
      root = JSON.readTree(parser);
      if (parser.nextToken() != null) {
        throw new InvalidEventException(
            InvalidEventException.WHOLE_LINE, "more than one JSON value on the line");
      }
    } catch (IOException e) {
      throw new InvalidEventException(
          InvalidEventException.WHOLE_LINE, "not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException(
          InvalidEventException.WHOLE_LINE, "expected a JSON object, got " + describe(root));
    }
    ObjectNode obj = (ObjectNode) root;
    String type = requiredText(obj, "type");
    return switch (type) {
      case Post.TYPE -> decodePost(obj);
      case EngagementSnapshot.TYPE -> decodeEngagement(obj);
      default ->
          throw new InvalidEventException(
              "type",
              "unknown event type '" + type + "', expected 'post' or 'engagement'");
    };
  }

  private Post decodePost(ObjectNode obj) throws InvalidEventException {
    rejectUnknownFields(obj, POST_FIELDS);
    String videoId = requiredId(obj, "videoId");
    String authorId = requiredId(obj, "authorId");
    Instant createdAt = requiredTime(obj, "createdAt");
    String caption = requiredText(obj, "caption", true);
    if (caption.length() > options.maxCaptionChars()) {
      throw new InvalidEventException(
          "caption",
          "caption has " + caption.length() + " characters, over the limit of "
              + options.maxCaptionChars());
    }
    List<String> hashtags = requiredHashtags(obj);
    String musicId = nullableId(obj, "musicId");
    Long duration = nullableCount(obj, "durationSec", true);
    if (duration != null && duration > Integer.MAX_VALUE) {
      throw new InvalidEventException("durationSec", "duration " + duration + " s is not plausible");
    }
    return new Post(
        videoId,
        authorId,
        createdAt,
        caption,
        hashtags,
        musicId,
        duration == null ? null : duration.intValue(),
        nullableCount(obj, "followerCount", false),
        optionalText(obj, "authorHandle"),
        optionalText(obj, "thumbnailUrl"),
        optionalText(obj, "language"),
        optionalText(obj, "region"));
  }

  private EngagementSnapshot decodeEngagement(ObjectNode obj) throws InvalidEventException {
    rejectUnknownFields(obj, ENGAGEMENT_FIELDS);
    return new EngagementSnapshot(
        requiredId(obj, "videoId"),
        requiredTime(obj, "observedAt"),
        requiredCount(obj, "views"),
        requiredCount(obj, "likes"),
        requiredCount(obj, "comments"),
        requiredCount(obj, "shares"),
        nullableCount(obj, "downloads", false));
  }

  /** Encodes one event as a single NDJSON line, without the trailing newline. */
  public String encode(Event event) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", event.type());
      if (event instanceof Post p) {
        writePost(g, p);
      } else {
        writeEngagement(g, (EngagementSnapshot) event);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static void writePost(JsonGenerator g, Post p) throws IOException {
    g.writeStringField("videoId", p.videoId());
    g.writeStringField("authorId", p.authorId());
    g.writeStringField("createdAt", p.createdAt().toString());
    g.writeStringField("caption", p.caption());
    g.writeArrayFieldStart("hashtags");
    for (String tag : p.hashtags()) {
      g.writeString(tag);
    }
    g.writeEndArray();
    g.writeStringField("musicId", p.musicId());
    if (p.durationSec() == null) {
      g.writeNullField("durationSec");
    } else {
      g.writeNumberField("durationSec", p.durationSec());
    }
    if (p.followerCount() != null) {
      g.writeNumberField("followerCount", p.followerCount());
    }
    writeOptional(g, "authorHandle", p.authorHandle());
    writeOptional(g, "thumbnailUrl", p.thumbnailUrl());
    writeOptional(g, "language", p.language());
    writeOptional(g, "region", p.region());
  }

  private static void writeEngagement(JsonGenerator g, EngagementSnapshot s) throws IOException {
    g.writeStringField("videoId", s.videoId());
    g.writeStringField("observedAt", s.observedAt().toString());
    g.writeNumberField("views", s.views());
    g.writeNumberField("likes", s.likes());
    g.writeNumberField("comments", s.comments());
    g.writeNumberField("shares", s.shares());
    if (s.downloads() != null) {
      g.writeNumberField("downloads", s.downloads());
    }
  }

  private static void writeOptional(JsonGenerator g, String field, String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  // ---- field readers: each names the field and says what was wrong ----

  private static void rejectUnknownFields(ObjectNode obj, Set<String> known)
      throws InvalidEventException {
    Iterator<String> names = obj.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidEventException(name, "unknown field for type '" + obj.get("type").asText()
            + "'");
      }
    }
  }

  private static JsonNode required(ObjectNode obj, String field) throws InvalidEventException {
    JsonNode node = obj.get(field);
    if (node == null) {
      throw new InvalidEventException(field, "required field is missing");
    }
    return node;
  }

  private static String requiredText(ObjectNode obj, String field) throws InvalidEventException {
    return requiredText(obj, field, false);
  }

  private static String requiredText(ObjectNode obj, String field, boolean mayBeEmpty)
      throws InvalidEventException {
    JsonNode node = required(obj, field);
    if (!node.isTextual()) {
      throw new InvalidEventException(field, "expected a string, got " + describe(node));
    }
    String text = node.textValue();
    if (!mayBeEmpty && text.isBlank()) {
      throw new InvalidEventException(field, "must not be empty");
    }
    return text;
  }

  private static String requiredId(ObjectNode obj, String field) throws InvalidEventException {
    return checkId(field, requiredText(obj, field));
  }

  private static String nullableId(ObjectNode obj, String field) throws InvalidEventException {
    JsonNode node = required(obj, field);
    if (node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(field, "expected a string or null, got " + describe(node));
    }
    if (node.textValue().isBlank()) {
      throw new InvalidEventException(field, "must not be empty (use null when unknown)");
    }
    return checkId(field, node.textValue());
  }

  private static String checkId(String field, String id) throws InvalidEventException {
    if (id.length() > 128) {
      throw new InvalidEventException(field, "id has " + id.length() + " characters, over 128");
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isWhitespace(id.charAt(i)) || Character.isISOControl(id.charAt(i))) {
        throw new InvalidEventException(field, "id contains whitespace or control characters");
      }
    }
    return id;
  }

  private static String optionalText(ObjectNode obj, String field) throws InvalidEventException {
    JsonNode node = obj.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(
          field, "expected a string (or the field left out), got " + describe(node));
    }
    return node.textValue();
  }

  private Instant requiredTime(ObjectNode obj, String field) throws InvalidEventException {
    String text = requiredText(obj, field);
    Instant t;
    try {
      t = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          field, "'" + abbreviate(text) + "' is not an ISO-8601 UTC instant like 2021-03-01T12:00:00Z");
    }
    Instant latest = options.clock().instant().plus(options.maxFutureSkew());
    if (t.isAfter(latest)) {
      throw new InvalidEventException(
          field, text + " is in the future (more than " + options.maxFutureSkew() + " ahead)");
    }
    if (t.isBefore(options.earliest())) {
      throw new InvalidEventException(
          field, text + " is before " + options.earliest() + ", the earliest time accepted");
    }
    return t;
  }

  private static long requiredCount(ObjectNode obj, String field) throws InvalidEventException {
    return count(field, required(obj, field), false);
  }

  private static Long nullableCount(ObjectNode obj, String field, boolean required)
      throws InvalidEventException {
    JsonNode node = required ? required(obj, field) : obj.get(field);
    if (node == null || node.isNull()) {
      if (node == null || required) {
        return null;
      }
      throw new InvalidEventException(field, "expected a count; leave the field out when unknown");
    }
    return count(field, node, required);
  }

  private static long count(String field, JsonNode node, boolean nullAllowed)
      throws InvalidEventException {
    if (!node.isIntegralNumber()) {
      throw new InvalidEventException(
          field,
          "expected a whole number" + (nullAllowed ? " or null" : "") + ", got " + describe(node));
    }
    if (!node.canConvertToLong()) {
      throw new InvalidEventException(field, "number " + node.asText() + " is too large");
    }
    long value = node.longValue();
    if (value < 0) {
      throw new InvalidEventException(field, "must not be negative, was " + value);
    }
    return value;
  }

  private List<String> requiredHashtags(ObjectNode obj) throws InvalidEventException {
    JsonNode node = required(obj, "hashtags");
    if (!node.isArray()) {
      throw new InvalidEventException("hashtags", "expected an array of strings, got "
          + describe(node));
    }
    List<String> raw = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode tag = node.get(i);
      if (!tag.isTextual()) {
        throw new InvalidEventException(
            "hashtags[" + i + "]", "expected a string, got " + describe(tag));
      }
      String normalised = Hashtags.normalise(tag.textValue());
      if (normalised.isEmpty()) {
        throw new InvalidEventException("hashtags[" + i + "]", "hashtag is empty");
      }
      int bytes = normalised.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > options.maxHashtagBytes()) {
        throw new InvalidEventException(
            "hashtags[" + i + "]",
            "hashtag too long: " + bytes + " bytes, over the limit of "
                + options.maxHashtagBytes());
      }
      raw.add(tag.textValue());
    }
    List<String> tags = Hashtags.normaliseAll(raw);
    if (tags.size() > options.maxHashtags()) {
      throw new InvalidEventException(
          "hashtags",
          "too many hashtags: " + tags.size() + ", over the limit of " + options.maxHashtags());
    }
    return tags;
  }

  private InvalidEventException lineTooLong(int bytes) {
    return new InvalidEventException(
        InvalidEventException.WHOLE_LINE,
        "line is " + bytes + " bytes, over the limit of " + options.maxLineBytes());
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "a whole number" : "a decimal number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    return abbreviate(nl < 0 ? message : message.substring(0, nl));
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
