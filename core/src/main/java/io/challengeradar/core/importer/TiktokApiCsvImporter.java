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
import java.util.List;

/**
 * {@code tiktokapi-csv}: the flat trending pull of the unofficial TikTok-Api ({@code
 * trending_vids.csv}: user_name, user_id, video_id, video_desc, video_time, video_length,
 * video_link, n_likes, n_shares, n_comments, n_plays). Hashtags are written inline in the caption.
 * The pull time is not recorded, so each snapshot is observed at the newest {@code video_time} in
 * its file (the pull happened at or after that post).
 */
final class TiktokApiCsvImporter extends CsvImporter {
  static final String FORMAT = "tiktokapi-csv";

  private static final SourceFields FIELDS = SourceFields.of(
      "videoId", "video_id", "authorId", "user_id", "authorHandle", "user_name",
      "createdAt", "video_time", "caption", "video_desc", "hashtags", "video_desc",
      "durationSec", "video_length", "observedAt", "video_time (newest in file)",
      "views", "n_plays", "likes", "n_likes", "comments", "n_comments", "shares", "n_shares");

  TiktokApiCsvImporter(EventCodec codec) {
    super(FORMAT, "*.csv", codec);
  }

  @Override
  protected RowMapper<CsvRecord> mapperFor(Path file, Header h) throws IOException {
    h.requireAll(FORMAT, "user_name", "user_id", "video_id", "video_desc", "video_time",
        "video_length", "n_likes", "n_shares", "n_comments", "n_plays");
    Column userName = h.column("user_name");
    Column userId = h.column("user_id");
    Column videoId = h.column("video_id");
    Column desc = h.column("video_desc");
    Column time = h.column("video_time");
    Column length = h.column("video_length");
    Counts counts = new Counts(h.column("n_plays"), h.column("n_likes"),
        h.column("n_comments"), h.column("n_shares"));
    Instant observedAt = newestTime(file, time, Fields::unixSeconds);

    return new RowMapper<>() {
      @Override
      public List<Event> map(CsvRecord r) throws RowException {
        String id = Fields.digitsId(videoId.name(), videoId.text(r));
        String caption = Fields.notSpreadsheetError(desc.name(), desc.text(r));
        String len = length.text(r);
        Post post = Post.of(
                id,
                Fields.digitsId(userId.name(), userId.text(r)),
                Fields.unixSeconds(time.name(), time.text(r)),
                caption,
                Hashtags.fromCaption(caption),
                null,
                Fields.isBlank(len) ? null : Fields.durationSec(length.name(), len))
            .withAuthorHandle(optionalHandle(userName.text(r)));
        EngagementSnapshot snap = counts.snapshot(id, observedAt, r);
        return snap == null ? List.of(post) : List.of(post, snap);
      }

      @Override
      public String sourceField(String eventField) {
        return FIELDS.of(eventField);
      }
    };
  }

  private static String optionalHandle(String name) {
    return Fields.isBlank(name) ? null : Authors.handle(name);
  }
}
