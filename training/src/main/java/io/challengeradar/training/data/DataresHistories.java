package io.challengeradar.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code tiktok-datares-users-sounds-2020/user_videos/*_vids*.csv}: about 25 recent videos of each
 * of 1,794 creators. The files have no captions, so a video's text is its hashtags and its sound
 * title ("#halloween #makeup ♪ Monster Mash"). Hashtags are Python list literals. A video pulled
 * twice (4,137 are) is kept once, from the first file read, and the repeat is counted.
 */
public final class DataresHistories {

  public static final String DIR = "user_videos";
  public static final List<String> FILES =
      List.of(
          "top_users_vids.csv",
          "sug_users_vids1.csv",
          "sug_users_vids2.csv",
          "sug_users_vids3.csv",
          "sug_users_vids4.csv");

  private DataresHistories() {}

  public static List<CreatorVideo> read(Path dataSet, RowAccounting accounting) throws IOException {
    List<CreatorVideo> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String f : FILES) {
      for (CsvRows.Row row : CsvRows.read(dataSet.resolve(DIR).resolve(f), ',', accounting)) {
        try {
          CreatorVideo v = video(row);
          if (!seen.add(v.id())) {
            accounting.skip("id: duplicate of a video already read", row.where());
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

  static CreatorVideo video(CsvRows.Row row) throws Parse.BadCell {
    String id = Parse.required(row, "id");
    String user = Parse.required(row, "user_name");
    long time = Parse.count(row, "create_time");
    List<String> tags = io.challengeradar.core.event.Hashtags.normaliseAll(Parse.pythonList(row, "hashtags"));
    String song = row.get("song");
    List<String> keys = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String t : tags) {
      keys.add(ChallengeRule.tagKey(t));
      text.append(text.length() == 0 ? "" : " ").append('#').append(t);
    }
    if (song != null) {
      keys.add(ChallengeRule.soundKey(song));
      text.append(text.length() == 0 ? "" : " ").append("♪ ").append(song);
    }
    if (text.length() == 0) {
      throw new Parse.BadCell("hashtags: empty and song missing (no text to encode)");
    }
    return new CreatorVideo(user, id, time, text.toString(), List.copyOf(keys));
  }
}
