package io.challengeradar.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tiktok-claims-capstone/tiktok_dataset.csv}: one video per row with its transcription,
 * engagement counts, author verification and ban status, labelled claim or opinion. The last 298
 * rows have no label, no text and {@code #N/A} counts; they are counted as skipped.
 */
public final class ClaimsData {

  public static final String FILE = "tiktok_dataset.csv";

  /** The engagement and author features, in the order the head takes them after the text vector. */
  public static final List<String> FEATURES =
      List.of(
          "log_views",
          "log_likes",
          "log_shares",
          "log_downloads",
          "log_comments",
          "duration_sec",
          "verified",
          "ban_under_review",
          "ban_banned");

  /** One labelled video. */
  public record Video(String id, boolean claim, String text, float[] features) {}

  private ClaimsData() {}

  public static List<Video> read(Path dir, RowAccounting accounting) throws IOException {
    List<Video> out = new ArrayList<>();
    for (CsvRows.Row row : CsvRows.read(dir.resolve(FILE), ',', accounting)) {
      try {
        out.add(video(row));
        accounting.used();
      } catch (Parse.BadCell e) {
        accounting.skip(e.getMessage(), row.where());
      }
    }
    return out;
  }

  static Video video(CsvRows.Row row) throws Parse.BadCell {
    String status = Parse.required(row, "claim_status");
    boolean claim;
    if (status.equals("claim")) {
      claim = true;
    } else if (status.equals("opinion")) {
      claim = false;
    } else {
      throw new Parse.BadCell("claim_status: not claim or opinion");
    }
    String text = Parse.required(row, "video_transcription_text");
    String verified = Parse.required(row, "verified_status");
    String ban = Parse.required(row, "author_ban_status");
    if (!List.of("active", "under review", "banned").contains(ban)) {
      throw new Parse.BadCell("author_ban_status: not active, under review or banned");
    }
    float[] f = {
      log(Parse.count(row, "video_view_count")),
      log(Parse.count(row, "video_like_count")),
      log(Parse.count(row, "video_share_count")),
      log(Parse.count(row, "video_download_count")),
      log(Parse.count(row, "video_comment_count")),
      (float) Parse.number(row, "video_duration_sec"),
      verified.equals("verified") ? 1f : 0f,
      ban.equals("under review") ? 1f : 0f,
      ban.equals("banned") ? 1f : 0f
    };
    return new Video(Parse.required(row, "video_id"), claim, text, f);
  }

  static float log(long count) {
    return (float) Math.log1p(count);
  }
}
