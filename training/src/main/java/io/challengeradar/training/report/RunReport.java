package io.challengeradar.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run's report: {@code report.json} (everything, machine-readable, with the headline
 * metrics under {@code headline}) and {@code report.md} (the same for people), beside its figures.
 */
public final class RunReport {

  public static final String JSON = "report.json";
  public static final String MARKDOWN = "report.md";

  private final String task;
  private final Map<String, Object> json = new LinkedHashMap<>();
  private final Map<String, Double> headline = new LinkedHashMap<>();
  private final List<String> markdown = new ArrayList<>();

  public RunReport(String task, String command) {
    this.task = task;
    json.put("task", task);
    json.put("command", command);
    json.put("headline", headline);
    markdown.add("# " + task + " run report");
    markdown.add("");
    markdown.add("Command: `" + command + "`");
    markdown.add("");
  }

  public RunReport put(String key, Object value) {
    json.put(key, value);
    return this;
  }

  public RunReport headline(String metric, double value) {
    headline.put(metric, value);
    return this;
  }

  public Map<String, Double> headline() {
    return Map.copyOf(headline);
  }

  public RunReport section(String title) {
    markdown.add("## " + title);
    markdown.add("");
    return this;
  }

  public RunReport text(String paragraph) {
    markdown.add(paragraph);
    markdown.add("");
    return this;
  }

  /** A markdown table. */
  public RunReport table(List<String> header, List<List<String>> rows) {
    markdown.add("| " + String.join(" | ", header) + " |");
    markdown.add("|" + " --- |".repeat(header.size()));
    for (List<String> r : rows) {
      markdown.add("| " + String.join(" | ", r) + " |");
    }
    markdown.add("");
    return this;
  }

  public RunReport figure(String caption, String file) {
    markdown.add("![" + caption + "](" + file + ")");
    markdown.add("");
    return this;
  }

  /** Writes both files into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> md = new ArrayList<>(markdown);
    md.add(2, "Headline: " + headlineLine());
    md.add(3, "");
    Files.write(dir.resolve(MARKDOWN), md);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve(JSON).toFile(), json);
  }

  public String headlineLine() {
    StringBuilder s = new StringBuilder();
    headline.forEach(
        (k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(Fmt.f4(v)));
    return s.toString();
  }

  public String task() {
    return task;
  }
}
