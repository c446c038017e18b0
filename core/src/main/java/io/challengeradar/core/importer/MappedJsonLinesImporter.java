package io.challengeradar.core.importer;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.importer.Mapping.Field;
import io.challengeradar.core.importer.Mapping.FieldSpec;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Lines layout described by a {@link Mapping}: one JSON object per line, source fields
 * named by dotted paths ({@code author.uniqueId}, {@code stats.playCount}, {@code tags.0}). Each
 * line is parsed on its own from its bytes: a line that is not a JSON object, has bytes that are
 * not UTF-8 or is over 4 MiB is rejected with its line number; blank lines are skipped.
 */
final class MappedJsonLinesImporter implements Importer {
  static final int SAMPLE_ROWS = 50;

  /** Exact decimals, so an id written as a float keeps every digit it was written with. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final Mapping mapping;
  private final Instant commandLineObservedAt;
  private final EventValidator validator;

  MappedJsonLinesImporter(Mapping mapping, Instant commandLineObservedAt, EventCodec codec) {
    this.mapping = mapping;
    this.commandLineObservedAt = commandLineObservedAt;
    this.validator = new EventValidator(codec);
  }

  @Override
  public String format() {
    return mapping.formatName();
  }

  @Override
  public ImportStats importFrom(Path in, EventSink events, RejectSink rejects, Progress progress)
      throws IOException {
    List<Path> files = InputFiles.list(in, mapping.files, format());
    RowProcessor rows = new RowProcessor(validator, events, rejects, progress);
    Set<String> postsWritten = new HashSet<>();
    for (Path file : files) {
      importFile(file, rows, mapping.repeat == Mapping.Repeat.ONCE_PER_FILE
          ? new HashSet<>() : postsWritten);
    }
    return rows.stats();
  }

  private void importFile(Path file, RowProcessor rows, Set<String> postsWritten)
      throws IOException {
    String source = file.toString();
    List<JsonNode> sample = sample(file);
    if (sample.isEmpty()) {
      throw new ImportException(source + ": no JSON object in the first lines (not JSON Lines)");
    }
    MappedRows<JsonNode> mapper = new MappedRows<>(mapping, source, paths(sample.get(0)),
        path -> sample.stream().anyMatch(n -> at(n, path) != null) ? row -> text(at(row, path))
            : null,
        postsWritten);
    mapper.checkSample(sample);
    mapper.observedAt(observedAt(file, mapper));
    try (NdjsonReader reader = open(file)) {
      NdjsonReader.Line line;
      while ((line = reader.next()) != null) {
        if (isBlank(line)) {
          continue;
        }
        long number = line.number();
        if (line.oversized()) {
          rows.reject(source, number, RowException.WHOLE_ROW, "line is " + line.length()
              + " bytes, over the limit of " + CsvReader.DEFAULT_MAX_RECORD_BYTES, raw(line));
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line.bytes());
        } catch (JsonProcessingException e) {
          rows.reject(source, number, RowException.WHOLE_ROW, "not valid JSON: "
              + e.getOriginalMessage(), raw(line));
          continue;
        }
        if (node == null || !node.isObject()) {
          rows.reject(source, number, RowException.WHOLE_ROW, "not a JSON object", raw(line));
          continue;
        }
        String raw = raw(line);
        rows.process(source, number, node, mapper, () -> raw);
      }
    }
  }

  private static NdjsonReader open(Path file) throws IOException {
    return new NdjsonReader(Files.newInputStream(file), CsvReader.DEFAULT_MAX_RECORD_BYTES,
        2 * Reject.MAX_RAW_CHARS);
  }

  /** Spaces, tabs and carriage returns only: skipped, as a blank CSV row is. */
  private static boolean isBlank(NdjsonReader.Line line) {
    if (line.oversized()) {
      return false;
    }
    for (byte b : line.bytes()) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The start of the line as text, for reject reports (invalid bytes shown as U+FFFD). */
  private static String raw(NdjsonReader.Line line) {
    byte[] bytes = line.bytes();
    int n = Math.min(bytes.length, 2 * Reject.MAX_RAW_CHARS);
    String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
    return line.length() > n ? s + "... (" + (line.length() - n) + " more bytes)" : s;
  }

  /** The line's object, or null for a blank, oversized or damaged line, or one not an object. */
  private static JsonNode object(NdjsonReader.Line line) {
    if (isBlank(line) || line.oversized()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(line.bytes());
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null; // rejected with its line in the main pass
    }
  }

  private Instant observedAt(Path file, MappedRows<JsonNode> mapper) throws IOException {
    Instant given = mapping.observedAtFromCommandLine(commandLineObservedAt);
    if (given != null || !mapping.observedAtFromNewestPost()) {
      return given;
    }
    MappedRows.Accessor<JsonNode> created = mapper.accessor(Field.CREATED_AT);
    Instant newest = null;
    try (NdjsonReader reader = open(file)) {
      NdjsonReader.Line line;
      while ((line = reader.next()) != null) {
        JsonNode node = object(line);
        try {
          Instant t = node == null ? null : mapper.createdAt(created.text(node));
          if (t != null && validator.acceptsTime(t) && (newest == null || t.isAfter(newest))) {
            newest = t;
          }
        } catch (RowException e) {
          // a damaged time is rejected with its row in the main pass
        }
      }
    }
    return newest;
  }

  /** The first JSON objects of a file, skipping lines that are not one. */
  static List<JsonNode> sample(Path file) throws IOException {
    List<JsonNode> sample = new ArrayList<>();
    try (NdjsonReader reader = open(file)) {
      NdjsonReader.Line line;
      while (sample.size() < SAMPLE_ROWS && (line = reader.next()) != null) {
        JsonNode node = object(line);
        if (node != null) {
          sample.add(node);
        }
      }
    }
    return sample;
  }

  /** The node at a dotted path; a numeric step indexes an array. Null when absent or null. */
  static JsonNode at(JsonNode node, String path) {
    JsonNode n = node;
    for (String step : path.split("\\.")) {
      if (n == null) {
        return null;
      }
      n = n.isArray() && Fields.allDigits(step) && step.length() < 9
          ? n.get(Integer.parseInt(step)) : n.get(step);
    }
    return n == null || n.isNull() ? null : n;
  }

  /** A value's text: strings as they are, numbers as written, lists and objects as JSON. */
  static String text(JsonNode n) {
    if (n == null) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  /** Every leaf path of an object ({@code stats.playCount}), for messages and suggestions. */
  static List<String> paths(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    collect("", node, out);
    return List.copyOf(out);
  }

  private static void collect(String prefix, JsonNode node, Set<String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        String path = prefix + e.getKey();
        if (v.isObject()) {
          collect(path + ".", v, out);
        } else {
          out.add(path);
        }
      }
    }
  }
}
