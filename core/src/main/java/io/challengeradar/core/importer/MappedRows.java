package io.challengeradar.core.importer;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.Mapping.Field;
import io.challengeradar.core.importer.Mapping.FieldSpec;
import io.challengeradar.core.importer.Mapping.Kind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@link RowMapper} a {@link Mapping} describes, for rows of any shape {@code R} (a CSV record,
 * a JSON object): each mapped field gets an {@link Accessor} that finds its text in the row, and a
 * reader chosen by the field's kind and style that turns the text into the event value with the
 * same parsers the built-in importers use ({@link Fields}, {@link Authors}, {@link Hashtags}).
 */
final class MappedRows<R> implements RowMapper<R> {

  /** The text of one source field in a row; null where the row lacks the field. */
  @FunctionalInterface
  interface Accessor<R> {
    String text(R row) throws RowException;
  }

  /** Finds a source field (a CSV column, a JSON path) in a file; null when it is not there. */
  @FunctionalInterface
  interface Resolver<R> {
    Accessor<R> resolve(String source);
  }

  /** A value read from text; a {@link RowException} names the source field. */
  @FunctionalInterface
  private interface Reader {
    Object read(String text) throws RowException;
  }

  private final Mapping mapping;
  private final Map<Field, Accessor<R>> accessors = new EnumMap<>(Field.class);
  private final Map<Field, Reader> readers = new EnumMap<>(Field.class);
  private final Map<String, String> sourceFields = new HashMap<>();
  private final Set<String> postsWritten;
  private final boolean tagsFromCaption;
  private final boolean observedAtDerived;
  private Instant observedAt;

  /**
   * @param postsWritten the videos whose post this import (or file, per {@code post.repeat})
   *     already wrote; filled as rows are converted
   * @throws MappingException naming every mapped source field the file lacks
   */
  MappedRows(Mapping mapping, String file, List<String> available, Resolver<R> resolver,
      Set<String> postsWritten) throws MappingException {
    this.mapping = mapping;
    this.postsWritten = postsWritten;
    List<String> missing = new ArrayList<>();
    for (FieldSpec spec : mapping.fields.values()) {
      Field f = spec.field();
      if (spec.source() != null) {
        Accessor<R> a = resolver.resolve(spec.source());
        if (a == null) {
          missing.add(f.key + " = " + spec.source());
          continue;
        }
        accessors.put(f, a);
      } else if (spec.constant() != null) {
        String constant = spec.constant();
        accessors.put(f, r -> constant);
      }
      readers.put(f, reader(spec));
      sourceFields.putIfAbsent(f.eventField, spec.describe());
    }
    FieldSpec tags = mapping.spec(Field.HASHTAGS);
    tagsFromCaption = tags != null && tags.style().equals("caption");
    FieldSpec obs = mapping.spec(Field.OBSERVED_AT);
    observedAtDerived = obs != null && obs.derive() != null;
    if (tagsFromCaption) {
      FieldSpec caption = mapping.spec(Field.CAPTION);
      if (caption == null) {
        throw new MappingException(mapping.origin + ": post.hashtags.style: caption, but "
            + "post.caption is not mapped");
      }
      accessors.put(Field.HASHTAGS, accessors.get(Field.CAPTION));
      sourceFields.put("hashtags", caption.describe());
    }
    if (!missing.isEmpty()) {
      String has = String.join(", ", available.stream().limit(40).map(Fields::abbreviate)
          .toList()) + (available.size() > 40 ? ", ..." : "");
      String lacks = String.join(", ", missing.stream()
          .map(m -> m.substring(m.indexOf(" = ") + 3)).toList());
      if (mapping.name != null) {
        // A shipped layout: say which layout the file is not, as the built-in importers do.
        throw new MappingException(file + ": not a " + mapping.name + " file: the header lacks "
            + lacks + " (it has " + has + ")");
      }
      throw new MappingException(mapping.origin + ": " + String.join(", ", missing)
          + ": not in " + file + " (it has " + has + ")");
    }
  }

  /** Sets the observation time of every snapshot whose mapping derives it. */
  void observedAt(Instant t) {
    this.observedAt = t;
  }

  /** The mapped source field of the post's creation time, for deriving an observation time. */
  Accessor<R> accessor(Field f) {
    return accessors.get(f);
  }

  /** The post's creation time read from its text, or a {@link RowException}. */
  Instant createdAt(String text) throws RowException {
    return (Instant) readers.get(Field.CREATED_AT).read(text);
  }

  /**
   * Checks the mapping against the first rows of a file: a field whose every filled value in the
   * sample fails to read means the mapping, not the data, is wrong (a time format that does not
   * match, a count style that does not fit), and stops the import before any row is converted.
   */
  void checkSample(List<R> sample) throws MappingException {
    for (FieldSpec spec : mapping.fields.values()) {
      Field f = spec.field();
      Accessor<R> a = accessors.get(f);
      if (a == null || (f == Field.HASHTAGS && spec.style().equals("caption"))) {
        continue;
      }
      int filled = 0;
      boolean read = false;
      RowException first = null;
      for (R row : sample) {
        try {
          String text = a.text(row);
          if (Fields.isBlank(text)) {
            continue;
          }
          filled++;
          readers.get(f).read(text);
          read = true;
          break;
        } catch (RowException e) {
          first = first == null ? e : first;
        }
      }
      if (!read && first != null) {
        String key = switch (f.kind) {
          case TIME -> spec.constant() != null ? f.key + ".const" : f.key + ".format";
          case COUNT, TAGS, ID -> spec.constant() != null ? f.key + ".const" : f.key + ".style";
          default -> f.key;
        };
        String how = f.kind == Kind.TIME ? "format '" + spec.format() + "'"
            : f.kind == Kind.DURATION ? "duration" : "style '" + spec.style() + "'";
        throw new MappingException(mapping.origin + ": " + key + ": the " + how
            + " reads none of the " + filled + " filled values of " + spec.describe()
            + " in the first " + sample.size() + " rows; the first: " + first.reason());
      }
    }
    FieldSpec obs = mapping.spec(Field.OBSERVED_AT);
    if (obs != null && obs.constant() != null) {
      try {
        readers.get(Field.OBSERVED_AT).read(obs.constant());
      } catch (RowException e) {
        throw new MappingException(mapping.origin + ": engagement.observedAt.const: "
            + e.reason());
      }
    }
  }

  @Override
  public List<Event> map(R r) throws RowException {
    Post post = null;
    String videoId = null;
    boolean repeated = false;
    if (mapping.hasPost()) {
      videoId = (String) value(Field.VIDEO_ID, r);
      repeated = mapping.repeat != Mapping.Repeat.EVERY_ROW && postsWritten.contains(videoId);
      if (!repeated) {
        post = post(videoId, r);
      }
    }
    EngagementSnapshot snap = null;
    if (mapping.hasSnapshot()) {
      String id = accessors.containsKey(Field.SNAPSHOT_VIDEO_ID)
          ? (String) value(Field.SNAPSHOT_VIDEO_ID, r) : videoId;
      snap = snapshot(id, r);
      if (post == null && snap == null) {
        throw new RowException(firstEmptyCount(r), "empty, so this row has no complete snapshot"
            + (repeated ? " (and its video's post came from an earlier row)" : ""));
      }
    } else if (post == null) {
      throw new RowException(sourceFields.get("videoId"), "video " + videoId
          + " repeats, its post came from an earlier row, and the mapping gives no snapshot");
    }
    if (post == null) {
      return List.of(snap);
    }
    return snap == null ? List.of(post) : List.of(post, snap);
  }

  @Override
  public void converted(List<Event> events) {
    if (mapping.repeat != Mapping.Repeat.EVERY_ROW && events.get(0) instanceof Post p) {
      postsWritten.add(p.videoId());
    }
  }

  @Override
  public String sourceField(String eventField) {
    return sourceFields.getOrDefault(eventField, eventField);
  }

  private Post post(String videoId, R r) throws RowException {
    String caption = (String) value(Field.CAPTION, r);
    // the caption's tags are read from the caption already decoded, not from the row again
    @SuppressWarnings("unchecked")
    List<String> tags = tagsFromCaption ? Hashtags.fromCaption(caption == null ? "" : caption)
        : (List<String>) value(Field.HASHTAGS, r);
    return new Post(
        videoId,
        (String) value(Field.AUTHOR_ID, r),
        (Instant) value(Field.CREATED_AT, r),
        caption == null ? "" : caption,
        tags == null ? List.of() : tags,
        (String) value(Field.MUSIC_ID, r),
        (Integer) value(Field.DURATION, r),
        (Long) value(Field.FOLLOWERS, r),
        (String) value(Field.HANDLE, r),
        (String) value(Field.THUMBNAIL, r),
        (String) value(Field.LANGUAGE, r),
        (String) value(Field.REGION, r));
  }

  /** The snapshot, or null when a count is empty (the codec needs all four; none is made up). */
  private EngagementSnapshot snapshot(String videoId, R r) throws RowException {
    Long views = (Long) value(Field.VIEWS, r);
    Long likes = (Long) value(Field.LIKES, r);
    Long comments = (Long) value(Field.COMMENTS, r);
    Long shares = (Long) value(Field.SHARES, r);
    Instant at = observedAtDerived ? observedAt : (Instant) value(Field.OBSERVED_AT, r);
    if (views == null || likes == null || comments == null || shares == null || at == null) {
      return null;
    }
    return new EngagementSnapshot(videoId, at, views, likes, comments, shares,
        (Long) value(Field.DOWNLOADS, r));
  }

  private String firstEmptyCount(R r) throws RowException {
    for (Field f : List.of(Field.VIEWS, Field.LIKES, Field.COMMENTS, Field.SHARES,
        Field.OBSERVED_AT)) {
      Accessor<R> a = accessors.get(f);
      if (a != null && Fields.isBlank(a.text(r))) {
        return mapping.spec(f).describe();
      }
    }
    return mapping.spec(Field.OBSERVED_AT).describe();
  }

  /** The field's value in the row; null when it is unmapped or (for optional fields) empty. */
  private Object value(Field f, R r) throws RowException {
    Accessor<R> a = accessors.get(f);
    if (a == null) {
      return null;
    }
    return readers.get(f).read(a.text(r));
  }

  // ---- readers by kind and style ----

  private Reader reader(FieldSpec spec) throws MappingException {
    Field f = spec.field();
    String name = spec.describe();
    boolean required = f == Field.VIDEO_ID || f == Field.AUTHOR_ID
        || f == Field.SNAPSHOT_VIDEO_ID;
    return switch (f.kind) {
      case ID -> idReader(name, spec.style(), required);
      case TIME -> timeReader(name, spec);
      case TEXT -> text -> {
        if (Fields.isBlank(text)) {
          return f == Field.CAPTION ? "" : null;
        }
        return Fields.notSpreadsheetError(name, text);
      };
      case HANDLE -> text -> Fields.isBlank(text) ? null
          : Authors.handle(text);
      case DURATION -> text -> Fields.isBlank(text) ? null : Fields.durationSec(name, text);
      case COUNT -> countReader(name, spec);
      case TAGS -> tagsReader(name, spec);
    };
  }

  private static Reader idReader(String name, String style, boolean required) {
    Reader id = switch (style) {
      case "digits" -> text -> Fields.digitsId(name, text);
      case "digits-or-null" -> text -> Fields.digitsIdOrNullIfMangled(name, text);
      case "handle" -> text -> Authors.fromHandle(name, text);
      case "hash" -> text -> hashId(Fields.notSpreadsheetError(name, text));
      default -> text -> Fields.notSpreadsheetError(name, text).strip();
    };
    return text -> {
      if (Fields.isBlank(text)) {
        if (required) {
          throw new RowException(name, "id is empty");
        }
        return null;
      }
      return id.read(text);
    };
  }

  /**
   * An id from free text (a sound title): {@code h} and the first 16 hex digits of the SHA-256 of
   * the text without surrounding blanks. The same title gives the same id in every file and every
   * source; 64 bits make a collision unlikely below billions of distinct titles.
   */
  static String hashId(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(text.strip().getBytes(StandardCharsets.UTF_8));
      return "h" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static Reader countReader(String name, FieldSpec spec) {
    String zero = spec.zeroLabel();
    String style = spec.style();
    return text -> {
      if (Fields.isBlank(text)) {
        return null;
      }
      String t = text.strip();
      if (zero != null && zero.equals(t)) {
        return 0L;
      }
      if (!style.equals("display")) {
        char last = t.charAt(t.length() - 1);
        boolean suffixed = Character.isLetter(last);
        if (suffixed || (style.equals("plain") && t.indexOf('.') >= 0)) {
          throw new RowException(name, "'" + Fields.abbreviate(t) + "' is not a " + style
              + " count" + (suffixed ? " (a display count like 1.4M needs style display)" : ""));
        }
      }
      return Fields.count(name, t);
    };
  }

  private static Reader tagsReader(String name, FieldSpec spec) {
    return switch (spec.style()) {
      case "caption" -> text -> Hashtags.fromCaption(text == null ? "" : text);
      case "comma" -> text -> Hashtags.normaliseAll(Fields.commaList(name, text));
      // a list literal is written even when empty ([]): blank text is damage, not "no tags"
      case "list" -> text -> text == null ? List.of()
          : Hashtags.normaliseAll(Fields.pythonList(name, text));
      case "separated" -> {
        String sep = spec.separator();
        yield text -> {
          if (Fields.isBlank(text)) {
            return List.of();
          }
          Fields.notSpreadsheetError(name, text);
          List<String> items = new ArrayList<>();
          for (String item : text.split(java.util.regex.Pattern.quote(sep))) {
            items.add(item.strip().replaceAll("^\"|\"$", ""));
          }
          return Hashtags.normaliseAll(items);
        };
      }
      default -> text -> {
        // hash-words: "#a #b", or bare words "a b" when there is no '#'
        if (Fields.isBlank(text)) {
          return List.of();
        }
        Fields.notSpreadsheetError(name, text);
        return text.indexOf('#') >= 0 ? Hashtags.fromCaption(text)
            : Hashtags.normaliseAll(List.of(text.strip().split("[\\s,]+")));
      };
    };
  }

  private static Reader timeReader(String name, FieldSpec spec) {
    if (spec.format() == null) {
      return text -> null; // derived: set by the importer
    }
    ZoneId zone = spec.zone();
    String format = spec.format();
    Reader parse = switch (format) {
      case Mapping.EPOCH_SECONDS -> text -> Fields.unixSeconds(name, text);
      case Mapping.EPOCH_MILLIS -> text -> epochMillis(name, text);
      case Mapping.ISO -> text -> iso(name, text, zone);
      case "yyyy-MM-dd HH:mm:ss" -> text -> Fields.localDateTime(name, text, zone);
      default -> {
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(format, Locale.ENGLISH);
        yield text -> pattern(name, text, fmt, format, zone);
      }
    };
    boolean required = spec.field() == Field.CREATED_AT;
    return text -> {
      if (Fields.isBlank(text) && !required) {
        return null; // an observation time may be missing: the row then has no snapshot
      }
      return parse.read(text);
    };
  }

  private static Instant epochMillis(String name, String text) throws RowException {
    if (Fields.isBlank(text)) {
      throw new RowException(name, "time is empty");
    }
    String t = Fields.notSpreadsheetError(name, text).strip();
    try {
      return Instant.ofEpochMilli(Fields.allDigits(t) && t.length() <= 15 ? Long.parseLong(t)
          : new BigDecimal(t).longValueExact());
    } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
      throw new RowException(name, "'" + Fields.abbreviate(t)
          + "' is not a unix time in milliseconds");
    }
  }

  private static Instant iso(String name, String text, ZoneId zone) throws RowException {
    String t = Fields.isBlank(text) ? text : text.strip();
    try {
      return Fields.isoInstant(name, t);
    } catch (RowException e) {
      try {
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeException | NullPointerException ignored) {
        throw e;
      }
    }
  }

  private static Instant pattern(String name, String text, DateTimeFormatter fmt, String format,
      ZoneId zone) throws RowException {
    if (Fields.isBlank(text)) {
      throw new RowException(name, "time is empty");
    }
    String t = Fields.notSpreadsheetError(name, text).strip();
    try {
      TemporalAccessor ta = fmt.parse(t);
      if (ta.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(ta);
      }
      if (ta.isSupported(ChronoField.HOUR_OF_DAY)) {
        return LocalDateTime.from(ta).atZone(zone).toInstant();
      }
      return LocalDate.from(ta).atStartOfDay(zone).toInstant();
    } catch (DateTimeException e) {
      throw new RowException(name, "'" + Fields.abbreviate(t) + "' does not match the time "
          + "format '" + format + "'");
    }
  }
}
