package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Collected.resource;
import static io.challengeradar.core.importer.Collected.unix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class TiktokScraperJsonImporterTest {

  /** The dump has no scrape time: snapshots are observed at its newest createTime. */
  private static final long NEWEST_CREATE_TIME = 1608300000L;

  @Test
  void convertsItemsAndRejectsDamagedOnesWithTheirLine() throws Exception {
    Collected c = Collected.run("tiktok-scraper-json", resource("tiktok-scraper-json"));

    assertThat(c.events).containsExactly(
        new Post("7000000000000000001", "6825540583826768902", unix(1608214517),
            "dance time #DuetChallenge #fyp", List.of("duetchallenge", "fyp"),
            "6790057285814061057", 15, null, "nina", "https://example.test/cover1.jpeg", null,
            null),
        new EngagementSnapshot("7000000000000000001", unix(NEWEST_CREATE_TIME), 1000, 100, 7, 5,
            null),
        // empty caption kept; "1.4M" as a string count; an empty cover URL is no URL
        new Post("7000000000000000002", "6825540583826768903", unix(1608300000), "", List.of(),
            "6790057285814061058", 9, null, "quiet", null, null, null),
        new EngagementSnapshot("7000000000000000002", unix(NEWEST_CREATE_TIME), 1_400_000, 1, 0,
            0, null),
        // no hashtag list: tags come from the caption; no counts: a post without snapshot
        new Post("7000000000000000005", "6825540583826768906", unix(1608100000),
            "no counts, tags from the caption #NoList", List.of("nolist"), null, null, null,
            "nocounts", null, null, null));

    assertThat(c.rejects).extracting(Reject::line, Reject::field, Reject::reason)
        .containsExactly(
            tuple(13L, "collector[2].id",
                "float-mangled id '6.9123456789E+18': only 11 of its 19 digits survive; the "
                    + "exact id cannot be recovered"),
            tuple(16L, "collector[3].createTime",
                "'yesterday' is not a unix time in seconds"));
    assertThat(c.rejects).allSatisfy(r -> {
      assertThat(r.source()).endsWith("trending.json");
      assertThat(r.raw()).startsWith("{\"id\":");
    });
    assertThat(c.stats).isEqualTo(new ImportStats(5, 3, 2, 5));
  }
}
