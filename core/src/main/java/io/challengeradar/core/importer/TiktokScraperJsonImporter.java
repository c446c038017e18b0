package io.challengeradar.core.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.JsonArrayItems.Item;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tiktok-scraper-json}: the JSON dump of the {@code tiktok-scraper} CLI, a top-level object
 * whose {@code collector} array holds one post per item (or a bare array of such items). Per item:
 * id, text, createTime, authorMeta{id,name,fans?}, musicMeta{musicId}, covers{default},
 * videoMeta{duration}, hashtags[{name}], playCount, diggCount, commentCount, shareCount. The dump
 * does not record when it was scraped, so snapshots are observed at the newest createTime in the
 * file (the scrape happened at or after it). Items are cut from the file by {@link JsonArrayItems}
 * and parsed one at a time.
 */
final class TiktokScraperJsonImporter implements Importer {
  static final String FORMAT = "tiktok-scraper-json";
  static final String ARRAY_FIELD = "collector";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final SourceFields FIELDS = SourceFields.of(
      "videoId", "id", "authorId", "authorMeta.id", "authorHandle", "authorMeta.name",
      "followerCount", "authorMeta.fans", "createdAt", "createTime", "caption", "text",
      "hashtags", "hashtags", "musicId", "musicMeta.musicId", "durationSec", "videoMeta.duration",
      "thumbnailUrl", "covers.default", "observedAt", "createTime (newest in file)",
      "views", "playCount", "likes", "diggCount", "comments", "commentCount",
      "shares", "shareCount");

  private final EventValidator validator;

  TiktokScraperJsonImporter(EventCodec codec) {
    this.validator = new EventValidator(codec);
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public ImportStats importFrom(Path in, EventSink events, RejectSink rejects, Progress progress)
      throws IOException {
    List<Path> files = InputFiles.list(in, "*.json", FORMAT);
    RowProcessor rows = new RowProcessor(validator, events, rejects, progress);
    for (Path file : files) {
      importFile(file, rows);
    }
    return rows.stats();
  }

  private void importFile(Path file, RowProcessor rows) throws IOException {
    String source = file.toString();
    Instant observedAt = newestCreateTime(file);
    RowMapper<JsonNode> mapper = new ItemMapper(observedAt);
    try (JsonArrayItems items = open(file)) {
      Item item;
      while ((item = items.next()) != null) {
        String where = (items.isTopLevelArray() ? "" : ARRAY_FIELD) + "[" + item.index() + "]";
        if (item.truncated()) {
          rows.reject(source, item.line(), where, "the file ends inside this item (truncated "
              + "JSON)", item.rawPrefix());
          continue;
        }
        if (item.bytes() == null) {
          rows.reject(source, item.line(), where, "item is " + item.size() + " bytes, over the "
              + "limit of " + JsonArrayItems.DEFAULT_MAX_ITEM_BYTES, item.rawPrefix());
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(item.bytes());
        } catch (JsonProcessingException e) {
          rows.reject(source, item.line(), where, "not valid JSON: "
              + firstLine(e.getOriginalMessage()), item.rawPrefix());
          continue;
        }
        if (node == null || !node.isObject()) {
          rows.reject(source, item.line(), where, "expected a JSON object", item.rawPrefix());
          continue;
        }
        rows.process(source, item.line(), where + ".", node, mapper, item::rawPrefix);
      }
    }
  }

  private static JsonArrayItems open(Path file) throws IOException {
    return new JsonArrayItems(Files.newInputStream(file), ARRAY_FIELD,
        JsonArrayItems.DEFAULT_MAX_ITEM_BYTES);
  }

  /** The newest createTime the codec accepts, or null: the scrape was at or after it. */
  private Instant newestCreateTime(Path file) throws IOException {
    Instant newest = null;
    try (JsonArrayItems items = open(file)) {
      Item item;
      while ((item = items.next()) != null) {
        if (item.bytes() == null || item.truncated()) {
          continue;
        }
        try {
          Instant created = Fields.unixSeconds("createTime", topLevelScalar(item.bytes(),
              "createTime"));
          if (validator.acceptsTime(created) && (newest == null || created.isAfter(newest))) {
            newest = created;
          }
        } catch (IOException | RowException e) {
          // the item is rejected, with its reason, in the main pass
        }
      }
    }
    return newest;
  }

  /**
   * One top-level scalar field of an item as text ("" when absent), read with the streaming
   * parser: the first pass needs only createTime, and skipping the rest is much cheaper than
   * building the item's tree.
   */
  private static String topLevelScalar(byte[] item, String field) throws IOException {
    try (JsonParser p = JSON.getFactory().createParser(item)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "";
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals(name)) {
          return value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : "";
        }
        p.skipChildren();
      }
      return "";
    }
  }

  private static final class ItemMapper implements RowMapper<JsonNode> {
    private final Instant observedAt;

    ItemMapper(Instant observedAt) {
      this.observedAt = observedAt;
    }

    @Override
    public List<Event> map(JsonNode item) throws RowException {
      String videoId = Fields.digitsId("id", id(item.path("id")));
      JsonNode author = item.path("authorMeta");
      String caption = requiredText(item, "text");
      JsonNode duration = item.path("videoMeta").path("duration");
      JsonNode music = item.path("musicMeta").path("musicId");
      JsonNode fans = author.path("fans");
      Post post = new Post(
          videoId,
          Fields.digitsId("authorMeta.id", id(author.path("id"))),
          Fields.unixSeconds("createTime", scalar(item.path("createTime"))),
          caption,
          hashtags(item.path("hashtags"), caption),
          absent(music) ? null : Fields.digitsId("musicMeta.musicId", id(music)),
          absent(duration) ? null : Fields.durationSec("videoMeta.duration", scalar(duration)),
          absent(fans) ? null : Fields.count("authorMeta.fans", scalar(fans)),
          optionalText(author.path("name")),
          optionalText(item.path("covers").path("default")),
          null,
          null);
      Long views = optionalCount(item, "playCount");
      Long likes = optionalCount(item, "diggCount");
      Long comments = optionalCount(item, "commentCount");
      Long shares = optionalCount(item, "shareCount");
      if (views == null || likes == null || comments == null || shares == null
          || observedAt == null) {
        return List.of(post);
      }
      return List.of(post,
          new EngagementSnapshot(videoId, observedAt, views, likes, comments, shares, null));
    }

    @Override
    public String sourceField(String eventField) {
      return FIELDS.of(eventField);
    }
  }

  /** Tag names from the structured list; from the caption's #tags when the list is absent. */
  private static List<String> hashtags(JsonNode tags, String caption) throws RowException {
    if (absent(tags)) {
      return Hashtags.fromCaption(caption);
    }
    if (!tags.isArray()) {
      throw new RowException("hashtags", "expected an array of {name} objects");
    }
    List<String> names = new ArrayList<>(tags.size());
    for (int i = 0; i < tags.size(); i++) {
      JsonNode tag = tags.get(i);
      JsonNode name = tag.isObject() ? tag.path("name") : tag;
      if (!name.isTextual()) {
        throw new RowException("hashtags[" + i + "]", "expected a tag name (a string)");
      }
      names.add(name.textValue());
    }
    return Hashtags.normaliseAll(names);
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static String requiredText(JsonNode item, String field) throws RowException {
    JsonNode node = item.path(field);
    if (node.isMissingNode() || node.isNull()) {
      throw new RowException(field, "required field is missing");
    }
    if (!node.isTextual()) {
      throw new RowException(field, "expected a string");
    }
    return Fields.notSpreadsheetError(field, node.textValue());
  }

  private static String optionalText(JsonNode node) {
    return node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
  }

  private static Long optionalCount(JsonNode item, String field) throws RowException {
    JsonNode node = item.path(field);
    return absent(node) ? null : Fields.count(field, scalar(node));
  }

  /**
   * An id as text. A float keeps its written precision ({@code 6.9123456789E+18}), so a
   * float-mangled id is seen as such and refused instead of being read as its rounded digits.
   */
  private static String id(JsonNode node) {
    if (node.isNumber() && !node.isIntegralNumber()) {
      return node.decimalValue().toString();
    }
    return scalar(node);
  }

  /** A scalar as text ("" for a missing or null one). Large-exponent floats stay in E form. */
  private static String scalar(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue();
      return d.precision() - d.scale() > 40 ? d.toString() : d.toPlainString();
    }
    if (node.isMissingNode() || node.isNull()) {
      return "";
    }
    return node.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    return Fields.abbreviate(nl < 0 ? message : message.substring(0, nl));
  }
}
