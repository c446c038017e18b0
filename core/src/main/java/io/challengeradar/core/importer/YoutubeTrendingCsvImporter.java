package io.challengeradar.core.importer;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.CsvReader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code youtube-trending-csv}: Kaggle "Trending YouTube Video Statistics" daily snapshots, both
 * early layouts. v1: video_id, title, channel_title, category_id, tags, views, likes, dislikes,
 * comment_total, thumbnail_link, date ({@code D.MM}, year not written). v2: video_id,
 * trending_date ({@code YY.DD.MM}), title, channel_title, category_id, publish_time, tags, views,
 * likes, dislikes, comment_count, thumbnail_link, comments_disabled, ratings_disabled,
 * video_error_or_removed, description.
 *
 * <p>Each row is one snapshot of the video on its trending day, observed at 12:00 UTC of that day
 * (only the day is known; noon keeps the error within 12 hours). YouTube reports no share count;
 * the codec requires one, so snapshots carry {@code shares = 0}. The first row of a video in an
 * import also gives its Post: channel as author ({@link Authors#fromName}), title as caption,
 * tags as hashtags, musicId and durationSec null, createdAt = publish_time (v2) or, where the
 * layout has no upload time (v1), the observation time of that first row (the video existed by
 * then).
 */
final class YoutubeTrendingCsvImporter extends CsvImporter {
  static final String FORMAT = "youtube-trending-csv";

  /** The year of v1 dates, which are written without one, unless the file name says otherwise. */
  static final int V1_DEFAULT_YEAR = 2017;

  private static final LocalTime OBSERVED_AT = LocalTime.NOON;
  private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern V1_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})");
  private static final Pattern V2_DATE = Pattern.compile("(\\d{2})\\.(\\d{2})\\.(\\d{2})");
  private static final Pattern YEAR_IN_NAME = Pattern.compile("(?<!\\d)(20\\d{2})(?!\\d)");

  private final Set<String> posted = new HashSet<>();

  YoutubeTrendingCsvImporter(EventCodec codec) {
    super(FORMAT, "*videos*.csv", codec);
  }

  @Override
  protected void beginRun() {
    posted.clear();
  }

  @Override
  protected RowMapper<CsvRecord> mapperFor(Path file, Header h) throws IOException {
    boolean v2 = h.has("trending_date");
    if (v2) {
      h.requireAll(FORMAT, "video_id", "trending_date", "title", "channel_title",
          "publish_time", "tags", "views", "likes", "comment_count", "thumbnail_link");
    } else {
      h.requireAll(FORMAT, "video_id", "title", "channel_title", "tags", "views", "likes",
          "comment_total", "thumbnail_link", "date");
    }
    Column id = h.column("video_id");
    Column date = h.column(v2 ? "trending_date" : "date");
    Column title = h.column("title");
    Column channel = h.column("channel_title");
    Column tags = h.column("tags");
    Column thumb = h.column("thumbnail_link");
    Column publish = v2 ? h.column("publish_time") : null;
    Counts counts = new Counts(h.column("views"), h.column("likes"),
        h.column(v2 ? "comment_count" : "comment_total"), null);
    int v1Year = yearInName(file);
    SourceFields fields = SourceFields.of(
        "videoId", "video_id", "authorId", "channel_title", "authorHandle", "channel_title",
        "createdAt", v2 ? "publish_time" : date.name(), "caption", "title", "hashtags", "tags",
        "thumbnailUrl", "thumbnail_link", "observedAt", date.name(),
        "views", "views", "likes", "likes", "comments", counts.comments().name());

    return new RowMapper<>() {
      @Override
      public List<Event> map(CsvRecord r) throws RowException {
        String videoId = youtubeId(id.name(), id.text(r));
        Instant observedAt = v2
            ? trendingDateV2(date.name(), date.text(r))
            : dateV1(date.name(), date.text(r), v1Year);
        EngagementSnapshot snap = counts.snapshot(videoId, observedAt, r);
        if (posted.contains(videoId)) {
          if (snap == null) {
            throw new RowException(counts.firstEmpty(r), "empty, so this row has no complete "
                + "snapshot (and its video's post came from an earlier row)");
          }
          return List.of(snap);
        }
        Post post = Post.of(
                videoId,
                Authors.fromName(channel.name(), channel.text(r)),
                v2 ? Fields.isoInstant(publish.name(), publish.text(r)) : observedAt,
                Fields.notSpreadsheetError(title.name(), title.text(r)),
                Hashtags.normaliseAll(tagList(tags.name(), tags.text(r))),
                null,
                null)
            .withAuthorHandle(channel.text(r).strip())
            .withThumbnailUrl(blankToNull(thumb.text(r)));
        return snap == null ? List.of(post) : List.of(post, snap);
      }

      @Override
      public void converted(List<Event> events) {
        if (events.get(0) instanceof Post p) {
          posted.add(p.videoId());
        }
      }

      @Override
      public String sourceField(String eventField) {
        return fields.of(eventField);
      }
    };
  }

  static String youtubeId(String field, String text) throws RowException {
    if (Fields.isBlank(text)) {
      throw new RowException(field, "video id is empty");
    }
    String t = text.strip();
    if (Fields.SPREADSHEET_ERRORS.contains(t)) {
      throw new RowException(field, "spreadsheet error value '" + t + "' instead of a video id "
          + "(a spreadsheet damaged ids starting with - or =)");
    }
    if (!YOUTUBE_ID.matcher(t).matches()) {
      throw new RowException(field, "'" + Fields.abbreviate(t)
          + "' is not an 11-character YouTube video id");
    }
    return t;
  }

  /**
   * v1 {@code D.MM}: the day, then the month as a number that lost its trailing zero when the
   * column was saved as a decimal: {@code 13.09} is 13 September, {@code 1.1} is 1 October (the
   * files cover September to October 2017).
   */
  static Instant dateV1(String field, String text, int year) throws RowException {
    String t = Fields.notSpreadsheetError(field, text).strip();
    Matcher m = V1_DATE.matcher(t);
    if (!m.matches()) {
      throw new RowException(field, "'" + Fields.abbreviate(t)
          + "' is not a trending day written D.MM (damaged date)");
    }
    String monthText = m.group(2);
    int month = "1".equals(monthText) ? 10 : Integer.parseInt(monthText);
    return noon(field, t, year, month, Integer.parseInt(m.group(1)));
  }

  /** v2 {@code YY.DD.MM}: {@code 17.14.11} is 14 November 2017. */
  static Instant trendingDateV2(String field, String text) throws RowException {
    String t = Fields.notSpreadsheetError(field, text).strip();
    Matcher m = V2_DATE.matcher(t);
    if (!m.matches()) {
      throw new RowException(field, "'" + Fields.abbreviate(t)
          + "' is not a trending date written YY.DD.MM");
    }
    return noon(field, t, 2000 + Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(2)));
  }

  private static Instant noon(String field, String text, int year, int month, int day)
      throws RowException {
    try {
      return LocalDate.of(year, month, day).atTime(OBSERVED_AT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new RowException(field, "'" + text + "' is not a real day (" + e.getMessage() + ")");
    }
  }

  /** Tags split on '|': v1 writes them bare, v2 quotes each ({@code "a"|"b"}); {@code [none]}. */
  static List<String> tagList(String field, String text) throws RowException {
    String t = Fields.notSpreadsheetError(field, text).strip();
    if (t.isEmpty() || "[none]".equals(t)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : t.split("\\|")) {
      String tag = part.strip();
      if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
        tag = tag.substring(1, tag.length() - 1).strip();
      }
      if (!tag.isEmpty()) {
        out.add(tag);
      }
    }
    return out;
  }

  private static int yearInName(Path file) {
    Path name = file.getFileName();
    Matcher m = YEAR_IN_NAME.matcher(name == null ? "" : name.toString());
    return m.find() ? Integer.parseInt(m.group(1)) : V1_DEFAULT_YEAR;
  }

  private static String blankToNull(String s) {
    return Fields.isBlank(s) ? null : s.strip();
  }
}
