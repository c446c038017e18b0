package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Collected.resource;
import static io.challengeradar.core.importer.Collected.unix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class TiktokApiCsvImporterTest {

  /** No pull time in the file: the newest video_time (of the #N/A row, whose time is fine). */
  private static final long NEWEST_VIDEO_TIME = 1619698970L;

  @Test
  void takesHashtagsFromTheCaptionAndRejectsDamagedRows() throws Exception {
    Collected c = Collected.run("tiktokapi-csv", resource("tiktokapi-csv/trending_vids.csv"));

    assertThat(c.events).containsExactly(
        Post.of("6951976455400099077", "6654362767867265030", unix(1618633159),
                "Happydog#fpy #HappyDog #fypシ", List.of("fpy", "happydog", "fypシ"), null, 9)
            .withAuthorHandle("dancer"),
        new EngagementSnapshot("6951976455400099077", unix(NEWEST_VIDEO_TIME), 71_700_000,
            17_300_000, 87_200, 53_700, null),
        Post.of("6956553985121717510", "6956505848701600773", unix(1619698948), "", List.of(),
                null, 10)
            .withAuthorHandle("quiet"),
        new EngagementSnapshot("6956553985121717510", unix(NEWEST_VIDEO_TIME), 5_500_000, 970_500,
            13_800, 81_600, null),
        // a quoted caption over two lines; "1,234" likes
        Post.of("6956553985121717511", "6956505848701600775", unix(1619698960),
                "two lines, one comma\nand a #Tag", List.of("tag"), null, 15)
            .withAuthorHandle("poet"),
        new EngagementSnapshot("6956553985121717511", unix(NEWEST_VIDEO_TIME), 7, 1_234, 6, 5,
            null));

    assertThat(c.rejects).extracting(Reject::line, Reject::field, Reject::reason)
        .containsExactly(
            tuple(4L, "video_id", "float-mangled id '6.956553985121717e+18': only 16 of its 19 "
                + "digits survive; the exact id cannot be recovered"),
            tuple(7L, "n_shares", "spreadsheet error value '#N/A' instead of data"));
    assertThat(c.rejects.get(1).raw()).startsWith("broken,6956505848701600776,");
    assertThat(c.stats).isEqualTo(new ImportStats(5, 3, 2, 6));
  }
}
