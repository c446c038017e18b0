package io.challengeradar.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code twitter-hashtag-user-prefs-2013}: tab-separated, no header; text, user id, then one or more
 * hashtags. Split by time into train, valid and test upstream; within a file the line order is
 * taken as time order (the source does not document it).
 */
public final class TwitterHashtags {

  public static final List<String> SPLITS = List.of("train", "valid", "test");

  /** One tweet. */
  public record Tweet(String user, String text, List<String> hashtags) {}

  private TwitterHashtags() {}

  public static List<Tweet> read(Path dataSet, String split, RowAccounting accounting) throws IOException {
    List<Tweet> out = new ArrayList<>();
    for (CsvRows.Row row : CsvRows.read(dataSet.resolve(split + ".csv"), '\t', List.of("text", "user"), accounting)) {
      String text = row.get("text");
      String user = row.get("user");
      List<String> tags = new ArrayList<>();
      for (int i = 1; row.cells().containsKey("_extra" + i); i++) {
        String t = row.get("_extra" + i);
        if (t != null) {
          tags.add(io.challengeradar.core.event.Hashtags.normalise(t));
        }
      }
      if (text == null) {
        accounting.skip("text: missing", row.where());
      } else if (user == null || !user.matches("\\d+")) {
        accounting.skip("user: not a numeric user id", row.where());
      } else if (tags.isEmpty()) {
        accounting.skip("hashtags: none", row.where());
      } else {
        out.add(new Tweet(user, text, List.copyOf(tags)));
        accounting.used();
      }
    }
    return out;
  }
}
