package io.challengeradar.core.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A source row that could not become events.
 *
 * @param source the file it came from
 * @param line the physical line (1-based) where the row starts in that file
 * @param field the source field that was wrong ({@code $} for the row as a whole)
 * @param reason why, in words a person can act on
 * @param raw the row as read, cut to {@link #MAX_RAW_CHARS} characters
 */
public record Reject(String source, long line, String field, String reason, String raw) {

  /** Longest raw text kept; a 10 MB hostile row must not make a 10 MB reject. */
  public static final int MAX_RAW_CHARS = 500;

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern QUOTED = Pattern.compile("'[^']*'");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  public Reject {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    raw = truncate(raw == null ? "" : raw);
  }

  static String truncate(String raw) {
    if (raw.length() <= MAX_RAW_CHARS) {
      return raw;
    }
    int cut = MAX_RAW_CHARS;
    if (Character.isHighSurrogate(raw.charAt(cut - 1))) {
      cut--; // never split a surrogate pair
    }
    return raw.substring(0, cut) + "... (" + (raw.length() - cut) + " more chars)";
  }

  /**
   * The reason with its specifics (quoted values, numbers) blanked, so rejects of one kind group
   * together in summaries: {@code "'1.4x' is not a count"} and {@code "'7q' is not a count"} both
   * become {@code "'…' is not a count"}.
   */
  public String reasonKind() {
    String kind = QUOTED.matcher(reason).replaceAll("'…'");
    return field.replaceAll("\\[\\d+]", "[i]") + ": " + NUMBER.matcher(kind).replaceAll("N");
  }

  /** One JSON object on one line: source, line, field, reason, raw. */
  public String toJson() {
    StringWriter out = new StringWriter(128 + raw.length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("source", source);
      g.writeNumberField("line", line);
      g.writeStringField("field", field);
      g.writeStringField("reason", reason);
      g.writeStringField("raw", raw);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }
}
