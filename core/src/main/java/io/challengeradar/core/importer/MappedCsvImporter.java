package io.challengeradar.core.importer;

import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.importer.CsvReader.CsvRecord;
import io.challengeradar.core.importer.Mapping.Field;
import io.challengeradar.core.importer.Mapping.FieldSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV layout described by a {@link Mapping}: any one-byte delimiter, RFC 4180 quoting, a header
 * row. Each file's header is checked against the mapping (every named column must exist) and its
 * first {@value #SAMPLE_ROWS} rows against the mapping's formats before any row is converted.
 */
final class MappedCsvImporter extends CsvImporter {
  static final int SAMPLE_ROWS = 50;

  private final Mapping mapping;
  private final Instant commandLineObservedAt;
  private Set<String> postsWritten = new HashSet<>();

  MappedCsvImporter(Mapping mapping, Instant commandLineObservedAt, EventCodec codec) {
    super(mapping.formatName(), mapping.files, codec);
    this.mapping = mapping;
    this.commandLineObservedAt = commandLineObservedAt;
  }

  @Override
  protected void beginRun() {
    postsWritten = new HashSet<>();
  }

  @Override
  protected CsvReader reader(Path file) throws IOException {
    return new CsvReader(Files.newInputStream(file), CsvReader.DEFAULT_MAX_RECORD_BYTES,
        mapping.delimiter);
  }

  @Override
  protected RowMapper<CsvRecord> mapperFor(Path file, Header h) throws IOException {
    String source = file.toString();
    Set<String> seen = mapping.repeat == Mapping.Repeat.ONCE_PER_FILE ? new HashSet<>()
        : postsWritten;
    MappedRows<CsvRecord> rows = new MappedRows<>(mapping, source, h.names(),
        name -> h.has(name) ? h.column(name)::text : null, seen);
    // The reader reuses its record, so the sample is checked on copies of its first rows.
    new MappedRows<List<String>>(mapping, source, h.names(), name -> {
      int i = h.names().indexOf(name);
      return i < 0 ? null : row -> i < row.size() ? row.get(i) : null;
    }, new HashSet<>()).checkSample(sample(file, h));
    rows.observedAt(observedAt(file, h, rows));
    return rows;
  }

  private Instant observedAt(Path file, Header h, MappedRows<CsvRecord> rows) throws IOException {
    Instant given = mapping.observedAtFromCommandLine(commandLineObservedAt);
    if (given != null || !mapping.observedAtFromNewestPost()) {
      return given;
    }
    FieldSpec created = mapping.spec(Field.CREATED_AT);
    if (created.source() == null) {
      throw new MappingException(mapping.origin + ": engagement.observedAt.derive: "
          + Mapping.DERIVE_NEWEST + " needs post.createdAt from a column");
    }
    return newestTime(file, h.column(created.source()), (field, text) -> rows.createdAt(text));
  }

  private List<List<String>> sample(Path file, Header h) throws IOException {
    List<List<String>> sample = new ArrayList<>();
    try (CsvReader reader = reader(file)) {
      reader.next(); // header
      CsvRecord r;
      while (sample.size() < SAMPLE_ROWS && (r = reader.next()) != null) {
        if (r.oversized() || r.unterminated() || r.size() != h.size()) {
          continue;
        }
        List<String> row = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
          try {
            row.add(r.text(i, ""));
          } catch (RowException e) {
            row.add(null); // bad bytes cost their row later, not the mapping
          }
        }
        sample.add(row);
      }
    }
    return sample;
  }
}
