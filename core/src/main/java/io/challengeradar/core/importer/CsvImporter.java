package io.challengeradar.core.importer;

import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.importer.CsvReader.CsvRecord;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared frame of the CSV importers: resolve the input files, read each header, let the format
 * check it and give a {@link RowMapper}, then stream the rows through a {@link RowProcessor}.
 * Row-level damage the reader sees itself (an oversized record, a missing closing quote, a wrong
 * number of fields) is rejected here before the format's mapper sees the row.
 */
abstract class CsvImporter implements Importer {
  private final String format;
  private final String fileGlob;
  protected final EventValidator validator;

  protected CsvImporter(String format, String fileGlob, EventCodec codec) {
    this.format = format;
    this.fileGlob = fileGlob;
    this.validator = new EventValidator(codec);
  }

  @Override
  public final String format() {
    return format;
  }

  /** Called once at the start of each import, before the first file. */
  protected void beginRun() {}

  /** Checks the file's header and returns the mapper for its rows. */
  protected abstract RowMapper<CsvRecord> mapperFor(Path file, Header header) throws IOException;

  @Override
  public final ImportStats importFrom(
      Path in, EventSink events, RejectSink rejects, Progress progress) throws IOException {
    List<Path> files = InputFiles.list(in, fileGlob, format);
    beginRun();
    RowProcessor rows = new RowProcessor(validator, events, rejects, progress);
    for (Path file : files) {
      importFile(file, rows);
    }
    return rows.stats();
  }

  private void importFile(Path file, RowProcessor rows) throws IOException {
    String source = file.toString();
    try (CsvReader reader = reader(file)) {
      CsvRecord first = reader.next();
      if (first == null) {
        throw new ImportException(source + ": the file is empty (no header row)");
      }
      Header header = Header.of(source, first);
      RowMapper<CsvRecord> mapper = mapperFor(file, header);
      CsvRecord r;
      while ((r = reader.next()) != null) {
        if (r.oversized()) {
          rows.reject(source, r.line(), RowException.WHOLE_ROW, "row is " + r.bytes()
              + " bytes, over the limit of " + CsvReader.DEFAULT_MAX_RECORD_BYTES
              + " (an unclosed quote makes the rest of a file one row)", r.raw());
        } else if (r.tooManyFields()) {
          rows.reject(source, r.line(), RowException.WHOLE_ROW, "row has over "
              + CsvReader.MAX_FIELDS + " fields", r.raw());
        } else if (r.unterminated()) {
          rows.reject(source, r.line(), RowException.WHOLE_ROW,
              "the file ends inside a quoted field (truncated row)", r.raw());
        } else if (r.size() != header.size()) {
          rows.reject(source, r.line(), RowException.WHOLE_ROW, "row has " + r.size()
              + " fields, the header has " + header.size(), r.raw());
        } else {
          rows.process(source, r.line(), r, mapper, r::raw);
        }
      }
    }
  }

  /** A reader of one input file; formats with another delimiter than a comma override it. */
  protected CsvReader reader(Path file) throws IOException {
    return open(file);
  }

  static CsvReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return new CsvReader(in);
  }

  /**
   * The newest time in one column of a file that the codec would accept, or null when there is
   * none. Used as the observation time of sources that do not record when they were pulled: the
   * pull happened at or after the newest post it contains.
   */
  protected final Instant newestTime(Path file, Column column, TimeParser parser)
      throws IOException {
    Instant newest = null;
    try (CsvReader reader = reader(file)) {
      reader.next(); // header
      CsvRecord r;
      while ((r = reader.next()) != null) {
        if (r.oversized() || r.unterminated() || r.size() <= column.index()) {
          continue;
        }
        try {
          Instant t = parser.parse(column.name(), column.text(r));
          if (validator.acceptsTime(t) && (newest == null || t.isAfter(newest))) {
            newest = t;
          }
        } catch (RowException e) {
          // a damaged time is rejected with its row in the main pass
        }
      }
    }
    return newest;
  }

  @FunctionalInterface
  interface TimeParser {
    Instant parse(String field, String text) throws RowException;
  }

  /** One named column of a header. */
  record Column(int index, String name) {
    String text(CsvRecord r) throws RowException {
      return r.text(index, name);
    }
  }

  /** A file's header row: column names to positions. */
  static final class Header {
    private final String source;
    private final Map<String, Integer> index;
    private final List<String> names;

    private Header(String source, List<String> names) throws ImportException {
      this.source = source;
      this.names = names;
      this.index = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        if (index.put(names.get(i), i) != null) {
          throw new ImportException(source + ": the header names column '"
              + Fields.abbreviate(names.get(i)) + "' twice");
        }
      }
    }

    static Header of(String source, CsvRecord r) throws ImportException {
      List<String> names = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        try {
          names.add(r.text(i, "header").strip());
        } catch (RowException e) {
          throw new ImportException(source + ": the header is not valid UTF-8");
        }
      }
      return new Header(source, names);
    }

    int size() {
      return names.size();
    }

    List<String> names() {
      return names;
    }

    boolean has(String name) {
      return index.containsKey(name);
    }

    /** Fails with every missing column named when any of {@code required} is absent. */
    void requireAll(String format, String... required) throws ImportException {
      List<String> missing = new ArrayList<>();
      for (String name : required) {
        if (!index.containsKey(name)) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty()) {
        String has = names.stream().limit(40).map(Fields::abbreviate)
            .collect(java.util.stream.Collectors.joining(", "));
        throw new ImportException(source + ": not a " + format + " file: the header lacks "
            + String.join(", ", missing) + " (it has " + (names.size() > 40 ? has + ", ..." : has)
            + ")");
      }
    }

    Column column(String name) {
      Integer i = index.get(name);
      if (i == null) {
        throw new IllegalArgumentException("no column " + name + "; call requireAll first");
      }
      return new Column(i, name);
    }
  }
}
