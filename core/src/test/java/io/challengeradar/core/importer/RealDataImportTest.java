package io.challengeradar.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.challengeradar.core.event.Post;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Imports each real public data set from {@code ../shared/data} (skipped where it is absent) and
 * checks that the counts add up to the rows the data set is documented to have, that every row is
 * accounted for, that rejects are few and each has a field and a reason, and that every line
 * written decodes with the codec.
 */
class RealDataImportTest {

  /** Where the shared data sets are: {@code RADAR_DATA_DIR}, else a {@code shared/data} beside
   *  the checkout (or one of its parents). */
  static Path dataDir() {
    String env = System.getenv("RADAR_DATA_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("../shared/data");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(textBlock = """
      tiktok-scraper-json,  tiktok-trending-dec2020,                     1000,  0.0
      tiktokapi-csv,        tiktok-trending-2021-tiktokapi,              10000, 0.0
      datares-users-csv,    tiktok-datares-users-sounds-2020/user_videos, 54261, 0.0
      datares-sounds-csv,   tiktok-datares-users-sounds-2020/sounds,      11456, 0.0
      vn-feed-csv,          tiktok-vn-feed-recrawl-2025,                 12511, 0.001
      vn-histories-csv,     tiktok-vn-feed-recrawl-2025,                 11728, 0.001
      youtube-trending-csv, youtube-trending-2017,                       18993, 0.03
      """)
  void importsTheRealDataSet(String format, String folder, long rows, double maxRejectShare)
      throws Exception {
    Path in = dataDir().resolve(folder);
    if (!Files.isDirectory(in)) {
      // Surefire's console shows only a skip count; say why where the build log shows it.
      System.err.println("SKIPPED " + format + ": real data not found at " + in.toAbsolutePath()
          + " (../shared/data beside the project, or RADAR_DATA_DIR)");
    }
    assumeTrue(Files.isDirectory(in), "real data not found at " + in.toAbsolutePath()
        + " (set RADAR_DATA_DIR to the shared data folder); skipping");

    Collected c = Collected.run(format, in);

    ImportStats s = c.stats;
    System.out.printf("%s %s: rows %d, converted %d, rejected %d, events %d (posts %d, "
            + "snapshots %d)%n", format, folder, s.rowsRead(), s.rowsConverted(),
        s.rowsRejected(), s.eventsEmitted(), c.posts().size(), c.snapshots().size());
    Map<String, Long> byKind = c.rejects.stream()
        .collect(Collectors.groupingBy(Reject::reasonKind, TreeMap::new, Collectors.counting()));
    byKind.entrySet().stream()
        .sorted(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed())
        .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));

    assertThat(s.rowsRead()).isEqualTo(rows);
    assertThat(s.rowsConverted() + s.rowsRejected()).isEqualTo(s.rowsRead());
    assertThat(s.eventsEmitted()).isEqualTo(c.events.size());
    assertThat((double) s.rowsRejected() / s.rowsRead()).isLessThanOrEqualTo(maxRejectShare);
    assertThat(c.rejects).hasSize((int) s.rowsRejected()).allSatisfy(r -> {
      assertThat(r.field()).isNotBlank();
      assertThat(r.reason()).isNotBlank();
      assertThat(r.line()).isPositive();
    });
    for (String line : c.lines) {
      Collected.CODEC.decode(line); // throws if an importer ever wrote a refused line
    }
    // Every converted row gives a post, except YouTube rows after a video's first sighting.
    long posts = c.posts().size();
    if (format.startsWith("youtube")) {
      assertThat(posts).isEqualTo(c.posts().stream().map(Post::videoId).distinct().count());
    } else {
      assertThat(posts).isEqualTo(s.rowsConverted());
    }
    assertThat(c.snapshots()).allSatisfy(snap -> assertThat(snap.observedAt()).isNotNull());
    assertThat(c.posts().stream().collect(Collectors.groupingBy(Post::videoId,
        Collectors.counting())).values().stream().mapToLong(Long::longValue).max().orElse(0))
        .as("a video's post repeats only across files (recrawls, double pulls)")
        .isLessThanOrEqualTo(format.startsWith("youtube") ? 1 : 2);
  }
}
