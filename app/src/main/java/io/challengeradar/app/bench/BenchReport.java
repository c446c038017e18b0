package io.challengeradar.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.infra.RadarHome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One benchmark's results as one fixed table: printed, appended to docs/benchmarks.md under the
 * benchmark's section unless {@code --no-record}, and with {@code --json} also as one JSON object,
 * the last line on stdout. Every median and every ratio has a key, so the JSON holds what the
 * table prints.
 */
final class BenchReport {
  /** The document every benchmark appends its table to, relative to the project root. */
  static final String DOCUMENT = "docs/benchmarks.md";

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One measured median, as the table prints it. */
  record Row(String key, String what, double median, String value, String unit, String note) {}

  /** The kernel's load averages (Linux); absent elsewhere, and then none is reported. */
  static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

  private final String title;
  private final String command;
  private final int cores;
  private double loadAtStart = Double.NaN;
  private double loadAtEnd = Double.NaN;
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Double> ratios = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * @param title the benchmark's name, also its section in the document ({@code Pipeline})
   * @param command the command line that reproduces the run
   */
  BenchReport(String title, String command) {
    this.title = title;
    this.command = command;
    this.cores = Runtime.getRuntime().availableProcessors();
  }

  /**
   * The one-minute load average read from {@code file} (the format of {@code /proc/loadavg}), or
   * NaN when it cannot be read: benchmarks are only comparable on a machine doing nothing else,
   * so every table says how busy the machine was.
   */
  static double loadAverage(Path file) {
    try {
      return Double.parseDouble(Files.readString(file).strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Sets the load averages the table reports (tests; a run reads them itself). */
  void loadAverages(double start, double end) {
    this.loadAtStart = start;
    this.loadAtEnd = end;
  }

  /** How busy the machine was: the one-minute load average at the start and at the end. */
  String loadNote() {
    if (Double.isNaN(loadAtStart) || Double.isNaN(loadAtEnd)) {
      return "";
    }
    return String.format(Locale.ROOT, ", load average %.2f at the start, %.2f at the end",
        loadAtStart, loadAtEnd);
  }

  /** A median printed without decimals (rates, milliseconds). */
  void row(String key, String what, double median, String unit, String note) {
    row(key, what, median, fmt(median), unit, note);
  }

  /** A median printed with one decimal (small rates, such as sentences/s on a CPU). */
  void rowWithDecimal(String key, String what, double median, String unit, String note) {
    row(key, what, median, String.format(Locale.ROOT, "%,.1f", median), unit, note);
  }

  /** A row whose value is shown as {@code value} (a cosine to 4 decimals, say). */
  void row(String key, String what, double median, String value, String unit,
      String note) {
    checkKey(key);
    if (rows.stream().anyMatch(r -> r.key().equals(key))) {
      throw new IllegalArgumentException("row key " + key + " is used twice");
    }
    rows.add(new Row(key, what, median, value, unit, note));
  }

  /** Keeps a ratio for the JSON and returns it as the table's notes print it. */
  String ratio(String key, double value) {
    checkKey(key);
    ratios.put(key, value);
    return ratio(value);
  }

  void note(String note) {
    notes.add(note);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(title).append(" (").append(LocalDate.now(ZoneOffset.UTC))
        .append(", ").append(cores).append(" cores").append(loadNote()).append(")\n\n");
    md.append("Command: `").append(command).append("`\n\n");
    md.append("| measure | median | unit | note |\n| --- | ---: | --- | --- |\n");
    for (Row r : rows) {
      md.append("| ").append(String.join(" | ", r.what(), r.value(), r.unit(), r.note()))
          .append(" |\n");
    }
    for (String n : notes) {
      md.append("\n").append(n).append("\n");
    }
    return md.toString();
  }

  void print(PrintStream out) {
    out.println();
    String load = loadNote();
    if (!load.isEmpty()) {
      out.println(title + ": " + cores + " cores" + load);
    }
    out.printf(Locale.ROOT, "%-48s %14s  %-10s %s%n", title, "median", "unit", "note");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "%-48s %14s  %-10s %s%n", r.what(), r.value(), r.unit(), r.note());
    }
    notes.forEach(out::println);
  }

  /**
   * The results as one line of JSON: {@code benchmark}, {@code command}, {@code cores}, {@code
   * medians} (each with {@code what}, {@code value}, {@code unit}) and {@code ratios}. A median
   * that could not be measured is null.
   */
  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("benchmark", title.toLowerCase(Locale.ROOT));
    root.put("command", command);
    root.put("cores", cores);
    ObjectNode load = root.putObject("load_average");
    putNumber(load, "start", loadAtStart);
    putNumber(load, "end", loadAtEnd);
    ObjectNode medians = root.putObject("medians");
    for (Row r : rows) {
      ObjectNode m = medians.putObject(r.key());
      m.put("what", r.what());
      putNumber(m, "value", r.median());
      m.put("unit", r.unit());
    }
    ObjectNode ratioNode = root.putObject("ratios");
    ratios.forEach((key, value) -> putNumber(ratioNode, key, value));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  /**
   * Ends a benchmark: prints the table on {@code out}, appends it to {@value #DOCUMENT} unless
   * {@code --no-record} or {@code record} is false, and with {@code --json} prints the JSON
   * object as the last line on {@code out}. Messages go to stderr.
   */
  void finish(BenchOptions flags, boolean record, PrintStream out) {
    if (Double.isNaN(loadAtEnd)) {
      loadAverages(flags.loadAtStart, loadAverage(LOAD_AVERAGE));
    }
    print(out);
    if (record && !flags.noRecord) {
      Path doc = RadarHome.projectRoot().resolve(DOCUMENT);
      try {
        appendTo(doc, title);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot record the results in " + doc, e);
      }
      System.err.println("recorded in " + doc);
    }
    if (flags.json) {
      out.println(json());
    }
    out.flush();
  }

  /** Appends under the section heading, creating the document or section when missing. */
  void appendTo(Path doc, String section) throws IOException {
    String heading = "## " + section;
    String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\n"
        + "Measured on the development machines (2 shared cores: figures are medians of"
        + " repeated runs, compare ratios within one run rather than across runs).\n";
    if (!text.contains(heading)) {
      text = text.stripTrailing() + "\n\n" + heading + "\n";
    }
    int at = text.indexOf(heading) + heading.length();
    int next = text.indexOf("\n## ", at);
    int insert = next < 0 ? text.length() : next;
    String updated =
        text.substring(0, insert).stripTrailing() + "\n\n" + markdown() + text.substring(insert);
    Files.writeString(doc, updated.stripTrailing() + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static void putNumber(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  private static void checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("key must be lower_snake_case, was " + key);
    }
  }
}
