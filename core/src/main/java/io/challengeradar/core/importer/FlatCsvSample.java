package io.challengeradar.core.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A generated flat CSV and its mapping file, for measuring what a mapped layout costs per row
 * ({@code radar bench ingest}): one post and one snapshot per row, ten columns, display counts,
 * comma-separated tags, the same file for the same seed.
 */
public final class FlatCsvSample {

  /** The mapping the sample is read with. */
  public static final String MAPPING = """
      # a flat export: one row per video and pull
      input = csv
      post.repeat = every-row
      post.videoId = video_id
      post.videoId.style = digits
      post.authorId = author
      post.authorId.style = handle
      post.authorHandle = author
      post.createdAt = created
      post.createdAt.format = epoch-seconds
      post.caption = caption
      post.hashtags = tags
      post.hashtags.style = comma
      engagement.views = views
      engagement.likes = likes
      engagement.comments = comments
      engagement.shares = shares
      engagement.observedAt = observed
      engagement.observedAt.format = yyyy-MM-dd HH:mm:ss
      """;

  private static final String[] TAGS = {"fyp", "dance", "comedy", "duet", "food", "pets"};
  private static final long START = 1_700_000_000L;

  /** The files written: the CSV and its mapping. */
  public record Sample(Path csv, Path mapping) {}

  private FlatCsvSample() {}

  /** Writes {@code rows} rows to {@code dir/flat.csv}, the mapping to {@code dir/flat.properties}. */
  public static Sample write(Path dir, int rows, long seed) throws IOException {
    Files.createDirectories(dir);
    Path csv = dir.resolve("flat.csv");
    Path mapping = dir.resolve("flat.properties");
    Files.writeString(mapping, MAPPING, StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("video_id,author,created,caption,tags,views,likes,comments,shares,observed\n");
      for (int i = 0; i < rows; i++) {
        long created = START + random.nextLong(86_400L * 30);
        long views = random.nextLong(5_000_000L);
        String tag = TAGS[random.nextInt(TAGS.length)];
        w.write(Long.toString(7_000_000_000_000_000_000L + i));
        w.write(",user" + random.nextInt(5_000) + "," + created);
        w.write(",\"clip " + i + ", with a comma #" + tag + "\",\"" + tag + ", "
            + TAGS[random.nextInt(TAGS.length)] + "\",");
        w.write(views >= 1_000_000 ? (views / 100_000) / 10.0 + "M" : Long.toString(views));
        w.write("," + views / 10 + "," + views / 1000 + "," + views / 2000);
        w.write(",2023-12-20 12:00:00\n");
      }
    }
    return new Sample(csv, mapping);
  }
}
