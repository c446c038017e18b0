package io.challengeradar.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.importer.CsvReader.CsvRecord;
import io.challengeradar.core.util.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code radar import --suggest-map}: reads a file's header (or a JSON Lines file's paths) and a
 * sample of its rows, proposes a mapping ({@link MappingGuesses}), and shows what the first rows
 * would become with it. The proposal is a mapping file whose every guess carries a {@code # guess:}
 * comment saying what it was based on, so a person checks the guesses instead of writing the
 * mapping from nothing.
 */
public final class MapSuggester {

  private static final int SAMPLE_ROWS = 50;

  private MapSuggester() {}

  /**
   * The proposed mapping for {@code in} (a CSV or JSON Lines file) with its guesses marked,
   * followed, as comments, by the events or rejects its first {@code previewRows} rows give.
   */
  public static String suggest(Path in, int previewRows, EventCodec codec) throws IOException {
    if (!Files.isRegularFile(in)) {
      throw new ImportException("--suggest-map needs one file (CSV or JSON Lines): " + in);
    }
    Sample sample = isJsonLines(in) ? jsonSample(in) : csvSample(in);
    StringBuilder out = new StringBuilder();
    out.append("# Mapping proposed by radar import --suggest-map for ").append(in.getFileName())
        .append('\n')
        .append("# Lines after a '# guess:' comment are guesses: check them, then run\n")
        .append("#   radar import --format mapped --map THIS_FILE --in ").append(in)
        .append(" --out events.ndjson\n")
        .append("# Every key is described in docs/importers.md, \"Mapped layouts\".\n");
    String mapping = MappingGuesses.propose(sample, out);
    out.append("\n# What the first rows become with this mapping:\n");
    preview(in, mapping, previewRows, codec, out);
    return out.toString();
  }

  /** The columns (or JSON paths) of a file and the texts of its first rows. */
  record Sample(boolean json, char delimiter, List<String> names,
      Map<String, List<String>> values) {}

  private static boolean isJsonLines(Path in) throws IOException {
    String name = in.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return true;
    }
    try (BufferedReader r = lenientReader(in)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          return line.strip().startsWith("{");
        }
      }
    }
    return false;
  }

  /** Text with bad bytes shown as U+FFFD: only for guessing, never for the import itself. */
  private static BufferedReader lenientReader(Path in) throws IOException {
    return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(in),
        StandardCharsets.UTF_8));
  }

  private static Sample jsonSample(Path in) throws IOException {
    List<JsonNode> nodes = MappedJsonLinesImporter.sample(in);
    if (nodes.isEmpty()) {
      throw new ImportException(in + ": no JSON object in the first lines");
    }
    List<String> names = MappedJsonLinesImporter.paths(nodes.get(0));
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String path : names) {
      List<String> texts = new ArrayList<>();
      for (JsonNode n : nodes) {
        texts.add(MappedJsonLinesImporter.text(MappedJsonLinesImporter.at(n, path)));
      }
      values.put(path, texts);
    }
    return new Sample(true, ',', names, values);
  }

  private static Sample csvSample(Path in) throws IOException {
    char delimiter = delimiter(in);
    List<String> names = new ArrayList<>();
    Map<String, List<String>> values = new LinkedHashMap<>();
    try (CsvReader reader = new CsvReader(Files.newInputStream(in),
        CsvReader.DEFAULT_MAX_RECORD_BYTES, (byte) delimiter)) {
      CsvRecord header = reader.next();
      if (header == null) {
        throw new ImportException(in + ": the file is empty (no header row)");
      }
      for (int i = 0; i < header.size(); i++) {
        try {
          String name = header.text(i, "header").strip();
          names.add(name);
          values.put(name, new ArrayList<>());
        } catch (RowException e) {
          throw new ImportException(in + ": the header is not valid UTF-8");
        }
      }
      CsvRecord r;
      int rows = 0;
      while (rows < SAMPLE_ROWS && (r = reader.next()) != null) {
        if (r.size() != names.size()) {
          continue;
        }
        rows++;
        for (int i = 0; i < names.size(); i++) {
          String text;
          try {
            text = r.text(i, names.get(i));
          } catch (RowException e) {
            text = null;
          }
          values.get(names.get(i)).add(text);
        }
      }
    }
    return new Sample(false, delimiter, names, values);
  }

  /** The one of , ; tab | that the first line has most of (outside quotes). */
  private static char delimiter(Path in) throws IOException {
    String first;
    try (BufferedReader r = lenientReader(in)) {
      first = r.readLine();
    }
    char best = ',';
    int bestCount = 0;
    for (char c : new char[] {',', ';', '\t', '|'}) {
      int count = 0;
      boolean quoted = false;
      for (int i = 0; first != null && i < first.length(); i++) {
        char ch = first.charAt(i);
        if (ch == '"') {
          quoted = !quoted;
        } else if (ch == c && !quoted) {
          count++;
        }
      }
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    }
    return best;
  }

  /** Imports the first rows with the proposed mapping and writes their events as comments. */
  private static void preview(Path in, String mapping, int rows, EventCodec codec,
      StringBuilder out) throws IOException {
    Mapping m;
    try {
      m = MappingParser.parse("the proposal", mapping);
    } catch (MappingException e) {
      out.append("# (none: the proposal is not complete yet: ").append(e.getMessage())
          .append(")\n");
      return;
    }
    Importer importer = m.isJsonLines() ? new MappedJsonLinesImporter(m, null, codec)
        : new MappedCsvImporter(m, null, codec);
    List<String> lines = new ArrayList<>();
    final class Enough extends IOException {
      private static final long serialVersionUID = 1L;
    }
    int[] budget = {rows};
    try {
      importer.importFrom(in, new EventSink() {
        @Override
        public void accept(Event event) throws IOException {
          accept(event, codec.encode(event));
        }

        @Override
        public void accept(Event event, String line) throws IOException {
          lines.add(line);
          if (lines.size() >= 2 * rows) {
            throw new Enough();
          }
        }
      }, reject -> {
        lines.add("REJECT " + reject.toJson());
        if (--budget[0] <= 0) {
          throw new Enough();
        }
      }, Progress.silent());
    } catch (Enough enough) {
      // the preview has its rows
    } catch (MappingException e) {
      out.append("# (none: ").append(e.getMessage()).append(")\n");
      return;
    }
    for (String line : lines) {
      out.append("# ").append(line).append('\n');
    }
  }
}
