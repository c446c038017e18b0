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
 * {@code datares-users-csv}: UCLA DataRes per-creator video histories ({@code *_vids*.csv}: id,
 * create_time, user_name, hashtags, song, video_length, n_likes, n_shares, n_comments, n_plays,
 * n_followers, n_total_likes, n_total_vids). Hashtags are a Python list literal; there is no
 * caption (written as empty), no sound id (null) and no numeric author id ({@code @handle}). The
 * pull time is not recorded: snapshots are observed at the newest {@code create_time} in the file.
 */
final class DataresUsersCsvImporter extends CsvImporter {
  static final String FORMAT = "datares-users-csv";

  private static final SourceFields FIELDS = SourceFields.of(
      "videoId", "id", "authorId", "user_name", "authorHandle", "user_name",
      "createdAt", "create_time", "hashtags", "hashtags", "durationSec", "video_length",
      "followerCount", "n_followers", "observedAt", "create_time (newest in file)",
      "views", "n_plays", "likes", "n_likes", "comments", "n_comments", "shares", "n_shares");

  DataresUsersCsvImporter(EventCodec codec) {
    super(FORMAT, "*_vids*.csv", codec);
  }

  @Override
  protected RowMapper<CsvRecord> mapperFor(Path file, Header h) throws IOException {
    h.requireAll(FORMAT, "id", "create_time", "user_name", "hashtags", "video_length",
        "n_likes", "n_shares", "n_comments", "n_plays", "n_followers");
    Column id = h.column("id");
    Column time = h.column("create_time");
    Column user = h.column("user_name");
    Column tags = h.column("hashtags");
    Column length = h.column("video_length");
    Column followers = h.column("n_followers");
    Counts counts = new Counts(h.column("n_plays"), h.column("n_likes"),
        h.column("n_comments"), h.column("n_shares"));
    Instant observedAt = newestTime(file, time, Fields::unixSeconds);

    return new RowMapper<>() {
      @Override
      public List<Event> map(CsvRecord r) throws RowException {
        String videoId = Fields.digitsId(id.name(), id.text(r));
        String handle = user.text(r);
        String len = length.text(r);
        Post post = Post.of(
                videoId,
                Authors.fromHandle(user.name(), handle),
                Fields.unixSeconds(time.name(), time.text(r)),
                "",
                Hashtags.normaliseAll(Fields.pythonList(tags.name(), tags.text(r))),
                null,
                Fields.isBlank(len) ? null : Fields.durationSec(length.name(), len))
            .withFollowerCount(Counts.optional(followers, r))
            .withAuthorHandle(Authors.handle(handle));
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
