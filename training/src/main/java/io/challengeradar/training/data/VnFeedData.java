package io.challengeradar.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code tiktok-vn-feed-recrawl-2025}: the For-You feed scrape and the per-author histories (same
 * 19 columns). Counts and followers are display strings ({@code 304.9K}); durations are {@code
 * MM:SS}; times carry no zone and are read as UTC. A video in both files is kept once (the feed's
 * row) and the other is counted as a duplicate.
 */
public final class VnFeedData {

  public static final String FEED = "feed_raw_data.csv";
  public static final String HISTORIES = "user_histories.csv";

  /**
   * One video with what the virality task needs.
   *
   * @param caption may be empty (many feed videos have none)
   * @param interactions likes + comments + shares at scrape (an unreadable counter counts 0)
   */
  public record Video(
      String file,
      String user,
      String id,
      String caption,
      List<String> hashtags,
      long followers,
      long views,
      long postedAt,
      long scrapedAt,
      int durationSec,
      boolean musicOriginal,
      long interactions) implements ViewedVideo {}

  private VnFeedData() {}

  /** Reads the named files of the data set, in order, into one list. */
  public static List<Video> read(Path dir, List<String> files, RowAccounting accounting)
      throws IOException {
    List<Video> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String f : files) {
      for (CsvRows.Row row : CsvRows.read(dir.resolve(f), ',', accounting)) {
        try {
          Video v = video(row);
          if (!seen.add(v.id())) {
            accounting.skip("vid_id: duplicate of a video already read", row.where());
            continue;
          }
          out.add(v);
          accounting.used();
        } catch (Parse.BadCell e) {
          accounting.skip(e.getMessage(), row.where());
        }
      }
    }
    return out;
  }

  static Video video(CsvRows.Row row) throws Parse.BadCell {
    String id = Parse.required(row, "vid_id");
    if (!id.matches("\\d{1,19}")) {
      throw new Parse.BadCell("vid_id: not a whole-number id");
    }
    long posted = Parse.localTime(row, "vid_postTime");
    long scraped = Parse.localTime(row, "vid_scrapeTime");
    if (scraped < posted) {
      throw new Parse.BadCell("vid_scrapeTime: before vid_postTime");
    }
    String caption = row.get("vid_caption");
    return new Video(
        row.file(),
        Parse.required(row, "user_name"),
        id,
        caption == null ? "" : caption,
        Parse.commaTags(row.get("vid_hashtags")),
        Parse.count(row, "user_nfollower"),
        Parse.count(row, "vid_nview"),
        posted,
        scraped,
        Parse.minutesSeconds(row, "vid_duration"),
        Parse.bool(row, "music_originality"),
        countOrZero(row, "vid_nlike") + countOrZero(row, "vid_ncomment")
            + countOrZero(row, "vid_nshare"));
  }

  /**
   * A counter that only feeds the author's engagement rate: empty (41 comment cells) or the
   * button's label in place of a number (1,156 share cells read {@code Share}, which TikTok
   * shows when nobody shared) count 0, so such a row is kept, as it was before the rate was read.
   */
  private static long countOrZero(CsvRows.Row row, String column) {
    String cell = row.get(column);
    if (cell == null || cell.isBlank()) {
      return 0;
    }
    try {
      return Parse.count(row, column);
    } catch (Parse.BadCell labelNotCount) {
      return 0;
    }
  }
}
