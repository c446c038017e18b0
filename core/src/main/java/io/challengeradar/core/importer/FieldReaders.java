package io.challengeradar.core.importer;

import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.importer.Mapping.Field;
import io.challengeradar.core.importer.Mapping.FieldSpec;
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
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Locale;

/**
 * The value readers of a {@link Mapping}'s fields, one per kind and style: ids, times, counts,
 * hashtags, text, handles and durations. Each turns a source field's text into the event value
 * with the same parsers the built-in importers use ({@link Fields}, {@link Authors}, {@link
 * Hashtags}), and names the source field in every {@link RowException}.
 */
final class FieldReaders {
  /** A quote at either end of a list item. */
  private static final Pattern QUOTES = Pattern.compile("^\"|\"$");
  /** Bare tag words, separated by spaces or commas. */
  private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,]+");


  /** A value read from text; a {@link RowException} names the source field. */
  @FunctionalInterface
  interface Reader {
    Object read(String text) throws RowException;
  }

  private FieldReaders() {}

  /** The reader of the field's kind and style; {@code spec.describe()} names it in errors. */
  static Reader reader(FieldSpec spec) throws MappingException {
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
        Pattern sep = Pattern.compile(Pattern.quote(spec.separator()));
        yield text -> {
          if (Fields.isBlank(text)) {
            return List.of();
          }
          Fields.notSpreadsheetError(name, text);
          List<String> items = new ArrayList<>();
          for (String item : sep.split(text)) {
            items.add(QUOTES.matcher(item.strip()).replaceAll(""));
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
            : Hashtags.normaliseAll(List.of(WORD_SEPARATORS.split(text.strip())));
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
