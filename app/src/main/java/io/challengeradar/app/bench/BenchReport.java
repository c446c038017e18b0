package io.challengeradar.app.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One fixed table per benchmark, printed and appended to the benchmarks document. */
final class BenchReport {
  private final String title;
  private final String command;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  BenchReport(String title, String command) {
    this.title = title;
    this.command = command;
  }

  void row(String what, String value, String unit, String note) {
    rows.add(new String[] {what, value, unit, note});
  }

  void note(String note) {
    notes.add(note);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(title).append(" (").append(LocalDate.now(ZoneOffset.UTC))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores)\n\n");
    md.append("Command: `").append(command).append("`\n\n");
    md.append("| measure | median | unit | note |\n| --- | ---: | --- | --- |\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    for (String n : notes) {
      md.append("\n").append(n).append("\n");
    }
    return md.toString();
  }

  void print(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "%-48s %14s  %-10s %s%n", title, "median", "unit", "note");
    for (String[] r : rows) {
      out.printf(Locale.ROOT, "%-48s %14s  %-10s %s%n", r[0], r[1], r[2], r[3]);
    }
    notes.forEach(out::println);
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
}
