package io.challengeradar.core.importer;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.Mapping.Field;
import io.challengeradar.core.importer.Mapping.FieldSpec;
import io.challengeradar.core.importer.Mapping.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link RowMapper} a {@link Mapping} describes, for rows of any shape {@code R} (a CSV record,
 * a JSON object): each mapped field gets an {@link Accessor} that finds its text in the row, and a
 * reader chosen by the field's kind and style ({@link FieldReaders}) that turns the text into the
 * event value.
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

  private final Mapping mapping;
  private final Map<Field, Accessor<R>> accessors = new EnumMap<>(Field.class);
  private final Map<Field, FieldReaders.Reader> readers = new EnumMap<>(Field.class);
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
      readers.put(f, FieldReaders.reader(spec));
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
}
