package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Collected.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class YoutubeTrendingCsvImporterTest {

  private static final String APPLE_THUMB = "https://i.ytimg.com/vi/jt2OHQh0HoQ/default_live.jpg";

  @Test
  void eachRowIsASnapshotAndTheFirstSightingAlsoAPost() throws Exception {
    Collected c = Collected.run("youtube-trending-csv", resource("youtube"));

    assertThat(c.events).containsExactly(
        // v1 has no upload time: the post is dated at its first trending day
        Post.of("jt2OHQh0HoQ", "Apple%20Event", Instant.parse("2017-09-13T12:00:00Z"),
                "Live Apple Event - iPhone 8, iPhone X", List.of("apple events", "iphone x"),
                null, null)
            .withAuthorHandle("Apple Event").withThumbnailUrl(APPLE_THUMB),
        new EngagementSnapshot("jt2OHQh0HoQ", Instant.parse("2017-09-13T12:00:00Z"), 7_426_393,
            78_240, 705, 0, null),
        // "1.1" is 1 October: the month lost its trailing zero
        new EngagementSnapshot("jt2OHQh0HoQ", Instant.parse("2017-10-01T12:00:00Z"), 8_000_000,
            80_000, 800, 0, null),
        // likes empty on the first valid sighting: the post alone
        Post.of("AqokkXoa7uE", "This%20Morning", Instant.parse("2017-09-25T12:00:00Z"),
                "Holly and Phillip", List.of(), null, null)
            .withAuthorHandle("This Morning")
            .withThumbnailUrl("https://i.ytimg.com/vi/AqokkXoa7uE/default.jpg"),
        // v2: publish_time is the upload time; tags are quoted ("a"|"b")
        Post.of("1ZAPwfrtAFY", "LastWeekTonight", Instant.parse("2017-11-13T07:30:00Z"),
                "The Trump Presidency: Last Week Tonight",
                List.of("last week tonight", "john oliver"), null, null)
            .withAuthorHandle("LastWeekTonight")
            .withThumbnailUrl("https://i.ytimg.com/vi/1ZAPwfrtAFY/default.jpg"),
        new EngagementSnapshot("1ZAPwfrtAFY", Instant.parse("2017-11-14T12:00:00Z"), 2_418_783,
            97_185, 12_703, 0, null),
        new EngagementSnapshot("1ZAPwfrtAFY", Instant.parse("2017-11-15T12:00:00Z"), 3_000_000,
            100_000, 13_000, 0, null));

    assertThat(c.rejects).extracting(Reject::line, Reject::field)
        .containsExactly(
            tuple(3L, "comment_total"),
            tuple(5L, "video_id"),
            tuple(6L, "video_id"),
            tuple(7L, "date"));
    assertThat(c.rejects).extracting(Reject::reason).containsExactly(
        "empty, so this row has no complete snapshot (and its video's post came from an "
            + "earlier row)",
        "spreadsheet error value '#NAME?' instead of a video id (a spreadsheet damaged ids "
            + "starting with - or =)",
        "video id is empty",
        "'24.09xcaeyJTx4Co' is not a trending day written D.MM (damaged date)");
    assertThat(c.stats).isEqualTo(new ImportStats(9, 5, 4, 7));
  }

  @Test
  void datesOfBothLayouts() throws Exception {
    assertThat(YoutubeTrendingCsvImporter.dateV1("date", "13.09", 2017))
        .isEqualTo(Instant.parse("2017-09-13T12:00:00Z"));
    assertThat(YoutubeTrendingCsvImporter.dateV1("date", "22.1", 2017))
        .isEqualTo(Instant.parse("2017-10-22T12:00:00Z"));
    assertThat(YoutubeTrendingCsvImporter.trendingDateV2("trending_date", "17.14.11"))
        .isEqualTo(Instant.parse("2017-11-14T12:00:00Z"));
    assertThatThrownBy(() -> YoutubeTrendingCsvImporter.dateV1("date", "100", 2017))
        .isInstanceOf(RowException.class);
    assertThatThrownBy(() -> YoutubeTrendingCsvImporter.dateV1("date", "31.09", 2017))
        .hasMessageContaining("not a real day");
  }
}
