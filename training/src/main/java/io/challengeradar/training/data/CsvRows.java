package io.challengeradar.training.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A delimited file as rows of named cells, with the line each row starts on. A byte-order mark on
 * the header is dropped. A row whose cell count differs from the header's is not guessed at: it is
 * counted as skipped ("$: N cells, header has M").
 */
public final class CsvRows {

  /** One data row: its file, starting line and cells by column name. */
  public record Row(String file, long line, Map<String, String> cells) {

    public String where() {
      return file + ":" + line;
    }

    /** The cell, trimmed; null when empty or absent. */
    public String get(String column) {
      String v = cells.get(column);
      if (v == null) {
        return null;
      }
      v = v.strip();
      return v.isEmpty() ? null : v;
    }
  }

  private CsvRows() {}

  /** Reads a file with a header row. */
  public static List<Row> read(Path file, char separator, RowAccounting accounting)
      throws IOException {
    return read(file, separator, null, accounting);
  }

  /**
   * @param columns column names for a file without a header (null: the first row is the header);
   *     rows may have more cells than names, the extra ones are kept as {@code _extra1, _extra2...}
   */
  public static List<Row> read(
      Path file, char separator, List<String> columns, RowAccounting accounting)
      throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    if (separator == '\t') {
      // Tab files here are not quoted: a quote is an ordinary character.
      schema = schema.withoutQuoteChar();
    }
    String name = file.getFileName().toString();
    List<Row> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it =
            mapper.readerFor(String[].class).with(schema).readValues(reader)) {
      List<String> header = columns;
      while (it.hasNextValue()) {
        long line = it.getCurrentLocation().getLineNr();
        String[] cells = it.nextValue();
        if (header == null) {
          if (cells.length > 0 && cells[0].startsWith("\uFEFF")) {
            cells[0] = cells[0].substring(1);
          }
          header = List.of(cells);
          continue;
        }
        if (cells.length == 1 && cells[0].isBlank()) {
          continue; // a blank line is not a row
        }
        if (columns == null && cells.length != header.size()) {
          accounting.skip(
              "$: row has " + cells.length + " cells, header has " + header.size(),
              name + ":" + line);
          continue;
        }
        if (columns != null && cells.length < header.size()) {
          accounting.skip(
              "$: row has " + cells.length + " cells, expected at least " + header.size(),
              name + ":" + line);
          continue;
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
          m.put(i < header.size() ? header.get(i) : "_extra" + (i - header.size() + 1), cells[i]);
        }
        rows.add(new Row(name, line, m));
      }
    }
    return rows;
  }
}
