package io.challengeradar.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.core.event.Hashtags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The two trending dumps: {@code tiktok-trending-dec2020/trending.json} (tiktok-scraper JSON) and
 * {@code tiktok-trending-2021-tiktokapi/trending_vids.csv} (TikTok-Api, flat CSV). Neither has a
 * follower count, so seed 000's label (views over followers) cannot be formed on them; they are
 * read for the log-views regression and a views-only label.
 */
public final class TrendingData {

  public static final String DEC2020 = "tiktok-trending-dec2020";
  public static final String DEC2020_FILE = "trending.json";
  public static final String TIKTOKAPI = "tiktok-trending-2021-tiktokapi";
  public static final String TIKTOKAPI_FILE = "trending_vids.csv";

  /**
   * One trending video.
   *
   * @param musicOriginal null where the source does not say (the TikTok-Api CSV)
   * @param verified null where the source does not say (the TikTok-Api CSV)
   */
  public record Video(
      String user,
      String id,
      String caption,
      List<String> hashtags,
      long views,
      long postedAt,
      int durationSec,
      Boolean musicOriginal,
      Boolean verified) implements ViewedVideo {}

  private TrendingData() {}

  /** The {@code collector} list of the tiktok-scraper dump. */
  public static List<Video> readScraperJson(Path file, RowAccounting accounting) throws IOException {
    JsonNode collector = new ObjectMapper().readTree(file.toFile()).path("collector");
    if (!collector.isArray()) {
      throw new IOException(file + ": no collector list");
    }
    String name = file.getFileName().toString();
    List<Video> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    for (JsonNode item : collector) {
      String where = name + ":collector[" + index++ + "]";
      try {
        Video v = scraperVideo(item);
        if (!seen.add(v.id())) {
          accounting.skip("id: duplicate of a video already read", where);
          continue;
        }
        out.add(v);
        accounting.used();
      } catch (Parse.BadCell e) {
        accounting.skip(e.getMessage(), where);
      }
    }
    return out;
  }

  static Video scraperVideo(JsonNode item) throws Parse.BadCell {
    String id = item.path("id").asText("");
    if (!id.matches("\\d{1,19}")) {
      throw new Parse.BadCell("id: not a whole-number id");
    }
    String user = item.path("authorMeta").path("id").asText("");
    if (user.isEmpty()) {
      throw new Parse.BadCell("authorMeta.id: missing");
    }
    List<String> tags = new ArrayList<>();
    for (JsonNode tag : item.path("hashtags")) {
      tags.add(tag.path("name").asText(""));
    }
    return new Video(
        user,
        id,
        item.path("text").asText(""),
        Hashtags.normaliseAll(tags),
        wholeNumber(item, "playCount"),
        wholeNumber(item, "createTime"),
        (int) wholeNumber(item.path("videoMeta"), "duration"),
        bool(item.path("musicMeta"), "musicOriginal"),
        bool(item.path("authorMeta"), "verified"));
  }

  /** The TikTok-Api CSV; hashtags come from the caption's inline {@code #tags}. */
  public static List<Video> readTiktokApiCsv(Path file, RowAccounting accounting) throws IOException {
    List<Video> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CsvRows.Row row : CsvRows.read(file, ',', accounting)) {
      try {
        String id = Parse.required(row, "video_id");
        if (!id.matches("\\d{1,19}")) {
          throw new Parse.BadCell("video_id: not a whole-number id");
        }
        String caption = row.get("video_desc");
        Video v =
            new Video(
                Parse.required(row, "user_id"),
                id,
                caption == null ? "" : caption,
                caption == null ? List.of() : Hashtags.fromCaption(caption),
                Parse.count(row, "n_plays"),
                (long) Parse.number(row, "video_time"),
                (int) Parse.number(row, "video_length"),
                null,
                null);
        if (!seen.add(v.id())) {
          accounting.skip("video_id: duplicate of a video already read", row.where());
          continue;
        }
        out.add(v);
        accounting.used();
      } catch (Parse.BadCell e) {
        accounting.skip(e.getMessage(), row.where());
      }
    }
    return out;
  }

  private static long wholeNumber(JsonNode parent, String field) throws Parse.BadCell {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      throw new Parse.BadCell(field + ": missing");
    }
    if (!n.canConvertToExactIntegral() || n.asLong() < 0) {
      throw new Parse.BadCell(field + ": not a whole number >= 0");
    }
    return n.asLong();
  }

  private static Boolean bool(JsonNode parent, String field) throws Parse.BadCell {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      throw new Parse.BadCell(field + ": not true/false");
    }
    return n.asBoolean();
  }
}
