package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Collected.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VnCsvImporterTest {

  private static final String CAPTION = "Giấc mơ của chung 🤷🏻🦢";
  private static final String CAPTION_2 = "Đơn giản dễ làm lắm đó quý vị ơi..";

  @Test
  void feedAndRecrawlGiveTwoObservationsAtTheirScrapeTimes() throws Exception {
    // The folder holds feed_raw_data.csv, the recrawl (BOM, time columns swapped) and the
    // histories; vn-feed-csv takes the first two, in name order.
    Collected c = Collected.run("vn-feed-csv", resource("vn"));

    Post travi = Post.of("7506832682593094928", "@lenguyentravi",
            Instant.parse("2025-05-21T09:44:45Z"), CAPTION, List.of("xuhuongtiktok"),
            null /* music_id 7.506832745952218e+18 lost its digits */, 31)
        .withFollowerCount(304_900L).withAuthorHandle("lenguyentravi");
    Post sau = Post.of("7507991840340135186", "@ongsaucocay",
            Instant.parse("2025-05-24T12:42:52Z"), CAPTION_2,
            List.of("suckhoe", "thaomoc", "thaoduoc"), "7507991997681192001", 65)
        .withAuthorHandle("ongsaucocay");
    assertThat(c.events).containsExactly(
        travi,
        // scrape time 2025-05-29 15:38:41 in Vietnam (UTC+7)
        new EngagementSnapshot("7506832682593094928", Instant.parse("2025-05-29T08:38:41Z"),
            541_200, 21_900, 454, 742, null),
        // vid_ncomment empty: no snapshot
        sau.withFollowerCount(17_400L),
        // recrawl: the same videos again, a later observation
        Post.of("7506832682593094928", "@lenguyentravi", Instant.parse("2025-05-21T09:44:45Z"),
                CAPTION, List.of("xuhuongtiktok"), null, 30)
            .withFollowerCount(305_400L).withAuthorHandle("lenguyentravi"),
        new EngagementSnapshot("7506832682593094928", Instant.parse("2025-06-06T03:16:49Z"),
            778_100, 30_000, 657, 1_161, null),
        // vid_nview empty in the recrawl: no snapshot
        sau.withFollowerCount(61_000L));

    assertThat(c.rejects).extracting(r -> r.source().replaceAll(".*/", ""), Reject::line,
            Reject::field, Reject::reason)
        .containsExactly(
            tuple("feed_raw_data.csv", 4L, "vid_nview", "'1.2.3K' is not a count"),
            tuple("feed_raw_data.csv", 5L, "vid_postTime",
                "'2025-13-45 99:00:00' is not a date-time like 2025-05-21 09:44:45"));
    assertThat(c.stats).isEqualTo(new ImportStats(6, 4, 2, 6));
  }

  @Test
  void historiesReadTheSameLayoutAndTakeTheShareLabelAsZero() throws Exception {
    Collected c = Collected.run("vn-histories-csv", resource("vn"));

    assertThat(c.events).containsExactly(
        Post.of("7474564827701087504", "@chi.nese_", Instant.parse("2025-02-23T10:48:59Z"),
                "原版没学会，来整个不一样的吧～", List.of("舞蹈", "douyin抖音", "fyp"), null, 15)
            .withFollowerCount(353_100L).withAuthorHandle("chi.nese_"),
        new EngagementSnapshot("7474564827701087504", Instant.parse("2025-06-05T15:23:07Z"),
            213_100, 7_269, 70, 69, null),
        // empty caption, duration, views, hashtags and music id
        Post.of("7474939314661592336", "@chi.nese_", Instant.parse("2025-02-24T11:02:11Z"), "",
                List.of(), null, null)
            .withFollowerCount(353_100L).withAuthorHandle("chi.nese_"),
        Post.of("7505587241905835271", "@e.caracas", Instant.parse("2025-05-18T01:11:48Z"),
                "hahahaha bahala kayo jan", List.of(), null, 16)
            .withFollowerCount(22_300L).withAuthorHandle("e.caracas"),
        // vid_nshare "Share": the player's label for zero shares
        new EngagementSnapshot("7505587241905835271", Instant.parse("2025-06-05T15:30:51Z"),
            104, 2, 0, 0, null));
    assertThat(c.rejects).isEmpty();
  }
}
