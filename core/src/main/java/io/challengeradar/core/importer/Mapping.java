package io.challengeradar.core.importer;

import java.time.Instant;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A mapping file: which source field feeds each canonical field of {@code post} and {@code
 * engagement}, and how to read it (docs/importers.md, "Mapped layouts", lists every key). Read
 * and checked on its own by {@link MappingParser}, before any input is opened. Whether the named
 * columns exist and the formats read the data is checked against each file's header and sample by
 * {@link MappedRows}.
 */
final class Mapping {

  /** How a canonical field's text is read. */
  enum Kind { ID, TIME, TEXT, TAGS, DURATION, COUNT, HANDLE }

  /** The canonical fields a mapping can feed, in the order a row is read. */
  enum Field {
    VIDEO_ID("post.videoId", "videoId", Kind.ID),
    AUTHOR_ID("post.authorId", "authorId", Kind.ID),
    CREATED_AT("post.createdAt", "createdAt", Kind.TIME),
    CAPTION("post.caption", "caption", Kind.TEXT),
    HASHTAGS("post.hashtags", "hashtags", Kind.TAGS),
    MUSIC_ID("post.musicId", "musicId", Kind.ID),
    DURATION("post.durationSec", "durationSec", Kind.DURATION),
    FOLLOWERS("post.followerCount", "followerCount", Kind.COUNT),
    HANDLE("post.authorHandle", "authorHandle", Kind.HANDLE),
    THUMBNAIL("post.thumbnailUrl", "thumbnailUrl", Kind.TEXT),
    LANGUAGE("post.language", "language", Kind.TEXT),
    REGION("post.region", "region", Kind.TEXT),
    SNAPSHOT_VIDEO_ID("engagement.videoId", "videoId", Kind.ID),
    OBSERVED_AT("engagement.observedAt", "observedAt", Kind.TIME),
    VIEWS("engagement.views", "views", Kind.COUNT),
    LIKES("engagement.likes", "likes", Kind.COUNT),
    COMMENTS("engagement.comments", "comments", Kind.COUNT),
    SHARES("engagement.shares", "shares", Kind.COUNT),
    DOWNLOADS("engagement.downloads", "downloads", Kind.COUNT);

    final String key;
    final String eventField;
    final Kind kind;

    Field(String key, String eventField, Kind kind) {
      this.key = key;
      this.eventField = eventField;
      this.kind = kind;
    }

    boolean isPost() {
      return key.startsWith("post.");
    }
  }

  /** Styles each kind accepts ({@code FIELD.style}); the first is the default. */
  static final Map<Kind, List<String>> STYLES = Map.of(
      Kind.ID, List.of("text", "digits", "digits-or-null", "handle", "hash"),
      Kind.COUNT, List.of("display", "float", "plain"),
      Kind.TAGS, List.of("hash-words", "comma", "list", "separated", "caption"),
      Kind.TEXT, List.of("text"),
      Kind.HANDLE, List.of("handle"),
      Kind.DURATION, List.of("duration"),
      Kind.TIME, List.of("time"));

  static final String EPOCH_SECONDS = "epoch-seconds";
  static final String EPOCH_MILLIS = "epoch-millis";
  static final String ISO = "iso";
  static final String DERIVE_NEWEST = "newest-created-at";
  static final String DERIVE_COMMAND_LINE = "command-line";

  /** When a video's post is written again for a repeated row of the same video. */
  enum Repeat { EVERY_ROW, ONCE_PER_FILE, ONCE_PER_IMPORT }

  /** How one canonical field is fed. Exactly one of source, constant, derive is set. */
  record FieldSpec(Field field, String source, String constant, String derive, String style,
      String format, ZoneId zone, String separator, String zeroLabel) {

    /** What a reject names for this field: the source field, or how the value was made. */
    String describe() {
      if (source != null) {
        return source;
      }
      if (derive != null) {
        return field.key + " (" + derive + ")";
      }
      return field.key + " (constant)";
    }
  }

  final String origin;
  final String name;
  final String input;
  final byte delimiter;
  final String files;
  final Repeat repeat;
  final Map<Field, FieldSpec> fields;

  Mapping(String origin, String name, String input, byte delimiter, String files,
      Repeat repeat, Map<Field, FieldSpec> fields) {
    this.origin = origin;
    this.name = name;
    this.input = input;
    this.delimiter = delimiter;
    this.files = files;
    this.repeat = repeat;
    this.fields = fields;
  }

  boolean hasPost() {
    return fields.containsKey(Field.VIDEO_ID);
  }

  boolean hasSnapshot() {
    return fields.containsKey(Field.VIEWS);
  }

  boolean isJsonLines() {
    return "jsonl".equals(input);
  }

  FieldSpec spec(Field f) {
    return fields.get(f);
  }

  /** The format's name in messages: the mapping's {@code name}, else "mapped". */
  String formatName() {
    return name != null ? name : "mapped";
  }

  /**
   * The observation time when the mapping derives it from the command line ({@code given}, which
   * must then be set); null when it derives it otherwise or not at all.
   */
  Instant observedAtFromCommandLine(Instant given) throws MappingException {
    FieldSpec obs = spec(Field.OBSERVED_AT);
    if (obs == null || !DERIVE_COMMAND_LINE.equals(obs.derive())) {
      return null;
    }
    if (given == null) {
      throw new MappingException(origin + ": engagement.observedAt.derive: "
          + "command-line, but no observation time was given (--observed-at)");
    }
    return given;
  }

  /** Whether the observation time is the newest post time in the file, which the importer scans. */
  boolean observedAtFromNewestPost() {
    FieldSpec obs = spec(Field.OBSERVED_AT);
    return obs != null && DERIVE_NEWEST.equals(obs.derive());
  }
}
