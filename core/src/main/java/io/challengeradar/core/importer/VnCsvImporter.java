package io.challengeradar.core.importer;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.CsvReader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Vietnamese For-You feed scrape (2025) and its per-author histories, one layout in three
 * files: user_name, user_nfollower, vid_id, vid_caption, vid_postTime, vid_scrapeTime,
 * vid_duration, vid_nview, vid_nlike, vid_ncomment, vid_nshare, vid_nsave, vid_hashtags, vid_url,
 * music_id, music_title, music_nused, music_authorName, music_originality (columns found by name:
 * the recrawl file swaps the two times). Two formats share it: {@code vn-feed-csv} (the feed and
 * its recrawl) and {@code vn-histories-csv} (user histories).
 *
 * <p>Times: {@code vid_postTime} is UTC (the scraper derives it from the video id's top 32 bits
 * with {@code utcfromtimestamp}; every row matches that), {@code vid_scrapeTime} is the scraping
 * PC's local time ({@code datetime.now()}), taken as Asia/Ho_Chi_Minh. Counts and follower numbers
 * are display strings ({@code 541.2K}). {@code music_id} went through a float and lost its last
 * digits, so it is kept only when every digit survived, else musicId is null (unknown, never a
 * rounded id). A share count shown as the label "Share" is zero (see {@link #SHARES_ZERO_LABEL}).
 * {@code vid_nsave} (saves) has no event field and is not read.
 */
final class VnCsvImporter extends CsvImporter {
  static final String FEED_FORMAT = "vn-feed-csv";
  static final String HISTORIES_FORMAT = "vn-histories-csv";

  /** The zone vid_postTime is written in (derived from the video id, in UTC). */
  static final ZoneId POST_TIME_ZONE = ZoneOffset.UTC;
  /** The zone vid_scrapeTime is written in: the local time of the scraping PC in Vietnam. */
  static final ZoneId SCRAPE_TIME_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /**
   * TikTok's web player shows the button label instead of a share count of zero: in the user
   * histories {@code vid_nshare} is "Share" in 1,156 rows and "0" in none (while "1" is in 639).
   */
  static final String SHARES_ZERO_LABEL = "Share";

  private static final SourceFields FIELDS = SourceFields.of(
      "videoId", "vid_id", "authorId", "user_name", "authorHandle", "user_name",
      "createdAt", "vid_postTime", "caption", "vid_caption", "hashtags", "vid_hashtags",
      "musicId", "music_id", "durationSec", "vid_duration", "followerCount", "user_nfollower",
      "observedAt", "vid_scrapeTime",
      "views", "vid_nview", "likes", "vid_nlike", "comments", "vid_ncomment", "shares",
      "vid_nshare");

  private VnCsvImporter(String format, String glob, EventCodec codec) {
    super(format, glob, codec);
  }

  static VnCsvImporter feed(EventCodec codec) {
    return new VnCsvImporter(FEED_FORMAT, "{feed,recrawl}*.csv", codec);
  }

  static VnCsvImporter histories(EventCodec codec) {
    return new VnCsvImporter(HISTORIES_FORMAT, "*histor*.csv", codec);
  }

  @Override
  protected RowMapper<CsvRecord> mapperFor(Path file, Header h) throws IOException {
    h.requireAll(format(), "user_name", "user_nfollower", "vid_id", "vid_caption",
        "vid_postTime", "vid_scrapeTime", "vid_duration", "vid_nview", "vid_nlike",
        "vid_ncomment", "vid_nshare", "vid_hashtags", "music_id");
    Column user = h.column("user_name");
    Column followers = h.column("user_nfollower");
    Column id = h.column("vid_id");
    Column caption = h.column("vid_caption");
    Column postTime = h.column("vid_postTime");
    Column scrapeTime = h.column("vid_scrapeTime");
    Column duration = h.column("vid_duration");
    Column tags = h.column("vid_hashtags");
    Column music = h.column("music_id");
    Counts counts = new Counts(h.column("vid_nview"), h.column("vid_nlike"),
        h.column("vid_ncomment"), h.column("vid_nshare"), SHARES_ZERO_LABEL);

    return new RowMapper<>() {
      @Override
      public List<Event> map(CsvRecord r) throws RowException {
        String videoId = Fields.digitsId(id.name(), id.text(r));
        String handle = user.text(r);
        String text = Fields.notSpreadsheetError(caption.name(), caption.text(r));
        String musicId = music.text(r);
        String len = duration.text(r);
        Post post = Post.of(
                videoId,
                Authors.fromHandle(user.name(), handle),
                Fields.localDateTime(postTime.name(), postTime.text(r), POST_TIME_ZONE),
                text,
                Hashtags.normaliseAll(Fields.commaList(tags.name(), tags.text(r))),
                Fields.isBlank(musicId)
                    ? null : Fields.digitsIdOrNullIfMangled(music.name(), musicId),
                Fields.isBlank(len) ? null : Fields.durationSec(duration.name(), len))
            .withFollowerCount(Counts.optional(followers, r))
            .withAuthorHandle(Authors.handle(handle));
        String scraped = scrapeTime.text(r);
        Instant observedAt = Fields.isBlank(scraped)
            ? null : Fields.localDateTime(scrapeTime.name(), scraped, SCRAPE_TIME_ZONE);
        EngagementSnapshot snap = counts.snapshot(videoId, observedAt, r);
        return snap == null ? List.of(post) : List.of(post, snap);
      }

      @Override
      public String sourceField(String eventField) {
        return FIELDS.of(eventField);
      }
    };
  }
}
