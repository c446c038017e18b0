package io.challengeradar.core.importer;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.CsvReader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code datares-sounds-csv}: UCLA DataRes sound cascades ({@code song_*.csv}: id, create_time,
 * user_name, song, song_id, n_likes, n_shares, n_comments, n_plays, n_followers, n_total_likes,
 * n_total_vids): up to 500 videos that use one sound. The sound id is exact and becomes musicId;
 * there is no caption (empty), no hashtags (none) and no duration (null). Snapshots are observed
 * at the newest {@code create_time} in the file (the pull time is not recorded).
 */
final class DataresSoundsCsvImporter extends CsvImporter {
  static final String FORMAT = "datares-sounds-csv";

  private static final SourceFields FIELDS = SourceFields.of(
      "videoId", "id", "authorId", "user_name", "authorHandle", "user_name",
      "createdAt", "create_time", "musicId", "song_id", "followerCount", "n_followers",
      "observedAt", "create_time (newest in file)",
      "views", "n_plays", "likes", "n_likes", "comments", "n_comments", "shares", "n_shares");

  DataresSoundsCsvImporter(EventCodec codec) {
    super(FORMAT, "song_*.csv", codec);
  }

  @Override
  protected RowMapper<CsvRecord> mapperFor(Path file, Header h) throws IOException {
    h.requireAll(FORMAT, "id", "create_time", "user_name", "song_id", "n_likes", "n_shares",
        "n_comments", "n_plays", "n_followers");
    Column id = h.column("id");
    Column time = h.column("create_time");
    Column user = h.column("user_name");
    Column song = h.column("song_id");
    Column followers = h.column("n_followers");
    Counts counts = new Counts(h.column("n_plays"), h.column("n_likes"),
        h.column("n_comments"), h.column("n_shares"));
    Instant observedAt = newestTime(file, time, Fields::unixSeconds);

    return new RowMapper<>() {
      @Override
      public List<Event> map(CsvRecord r) throws RowException {
        String videoId = Fields.digitsId(id.name(), id.text(r));
        String handle = user.text(r);
        String songId = song.text(r);
        Post post = Post.of(
                videoId,
                Authors.fromHandle(user.name(), handle),
                Fields.unixSeconds(time.name(), time.text(r)),
                "",
                List.of(),
                Fields.isBlank(songId) ? null : Fields.digitsId(song.name(), songId),
                null)
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
