package io.challengeradar.flink.backtest;

import io.challengeradar.contract.TagKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes a truth list: a CSV with a header ({@code kind,tag,...}) after {@code #}
 * comment lines (docs/detection.md, "Truth lists"). Tags hold no commas (the codec's hashtags are word
 * characters, sound ids plain), so the file needs no quoting.
 */
public final class TruthList {

  public static final List<String> COLUMNS =
      List.of("kind", "tag", "burst_day", "peak_day", "authors", "rise", "daily_new_participants");

  private TruthList() {}

  /** A truth file that cannot be used: the message names the file, the line and the problem. */
  public static final class TruthFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TruthFileException(String message) {
      super(message);
    }
  }

  /**
   * Reads the entries; only {@code kind} and {@code tag} are required, the evidence columns are
   * read when present.
   *
   * @throws TruthFileException for a missing file, a missing header column or a bad row
   */
  public static List<TruthEntry> read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TruthFileException("truth file not found: " + file);
    }
    List<String> header = null;
    List<TruthEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      // Comments only before the header: after it, '#' may begin a tag written with its '#'.
      if (line.isEmpty() || header == null && line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1);
      List<String> cells = cells(line);
      if (header == null) {
        header = cells;
        if (!header.contains("kind") || !header.contains("tag")) {
          throw new TruthFileException(where + ": the header needs the columns kind and tag, has "
              + String.join(",", header));
        }
        continue;
      }
      if (cells.size() != header.size()) {
        throw new TruthFileException(where + ": row has " + cells.size()
            + " fields, the header has " + header.size());
      }
      entries.add(entry(header, cells, where));
    }
    if (header == null) {
      throw new TruthFileException(file + ": empty truth file (no header kind,tag,...)");
    }
    return entries;
  }

  private static TruthEntry entry(List<String> header, List<String> cells, String where) {
    String kind = cell(header, cells, "kind");
    if (TagKind.fromWire(kind).isEmpty()) {
      throw new TruthFileException(where + ": kind '" + kind + "' is neither hashtag nor sound");
    }
    String tag = cell(header, cells, "tag");
    if (tag == null || tag.isEmpty()) {
      throw new TruthFileException(where + ": empty tag");
    }
    if ("hashtag".equals(kind)) {
      tag = tag.startsWith("#") ? tag.substring(1) : tag;
      tag = tag.toLowerCase(Locale.ROOT);
    }
    try {
      String authors = cell(header, cells, "authors");
      String rise = cell(header, cells, "rise");
      return new TruthEntry(new TagKey(kind, tag), day(cell(header, cells, "burst_day")),
          day(cell(header, cells, "peak_day")),
          blank(authors) ? null : Integer.valueOf(authors),
          blank(rise) ? null : Double.valueOf(rise), daily(cell(header, cells,
              "daily_new_participants")));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new TruthFileException(where + ": " + e.getMessage());
    }
  }

  private static String cell(List<String> header, List<String> cells, String column) {
    int i = header.indexOf(column);
    return i < 0 ? null : cells.get(i);
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static LocalDate day(String s) {
    return blank(s) ? null : LocalDate.parse(s);
  }

  private static SortedMap<LocalDate, Long> daily(String s) {
    SortedMap<LocalDate, Long> daily = new TreeMap<>();
    if (blank(s)) {
      return daily;
    }
    for (String pair : s.trim().split("\\s+")) {
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new NumberFormatException("daily count '" + pair + "' is not DAY:COUNT");
      }
      daily.put(LocalDate.parse(pair.substring(0, colon)),
          Long.valueOf(pair.substring(colon + 1)));
    }
    return daily;
  }

  /** Writes the entries with their evidence, after {@code comments} as {@code #} lines. */
  public static void write(Path file, List<String> comments, List<TruthEntry> entries)
      throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String c : comments) {
        w.write("# " + c + "\n");
      }
      w.write(String.join(",", COLUMNS) + "\n");
      for (TruthEntry e : entries) {
        StringBuilder daily = new StringBuilder();
        for (Map.Entry<LocalDate, Long> d : e.daily().entrySet()) {
          daily.append(daily.isEmpty() ? "" : " ").append(d.getKey()).append(':')
              .append(d.getValue());
        }
        w.write(String.join(",", e.key().kind(), quoted(e.key().tag()), text(e.burstDay()),
            text(e.peakDay()), text(e.authors()),
            e.rise() == null ? "" : String.format(Locale.ROOT, "%.1f", e.rise()),
            daily.toString()) + "\n");
      }
    }
  }

  /** A YouTube tag may hold a comma or a quote: such a cell is quoted as CSV quotes it. */
  private static String quoted(String cell) {
    return cell.contains(",") || cell.contains("\"")
        ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }

  /** The cells of one line: comma-separated, a cell in double quotes may hold commas. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }
}
