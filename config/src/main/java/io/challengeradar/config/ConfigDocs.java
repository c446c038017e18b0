package io.challengeradar.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The properties files and the docs' tables, written from the option definitions so that they
 * cannot drift from them (a test compares the shipped files with what this writes).
 */
public final class ConfigDocs {
  private static final int WIDTH = 98;

  private ConfigDocs() {}

  /** A properties file with every option of {@code group} at its default, each described. */
  public static String propertiesFile(OptionGroup group, String header) {
    StringBuilder out = new StringBuilder();
    for (String line : wrap(header, "# ")) {
      out.append(line).append('\n');
    }
    out.append("# Generated from the option definitions (radar config defaults --component ")
        .append(group.name()).append("); every line here is the default.\n");
    for (Option<?> o : group.options()) {
      out.append('\n');
      for (String line : wrap(o.description() + " [" + o.type().name() + ", env "
          + o.envVar() + "]", "# ")) {
        out.append(line).append('\n');
      }
      out.append(o.key()).append('=').append(continued(escape(defaultText(o)))).append('\n');
    }
    return out.toString();
  }

  /** One markdown table per group: key, type, default, environment variable, description. */
  public static String markdown(List<OptionGroup> groups) {
    StringBuilder out = new StringBuilder();
    for (OptionGroup g : groups) {
      out.append("### ").append(g.name()).append("\n\n").append(g.description()).append("\n\n");
      out.append("| key | type | default | environment | description |\n");
      out.append("| --- | --- | --- | --- | --- |\n");
      for (Option<?> o : g.options()) {
        String dflt = defaultText(o);
        out.append("| `").append(o.key()).append("` | ").append(o.type().name()).append(" | ")
            .append(dflt.isEmpty() ? "(none)" : "`" + cell(dflt) + "`").append(" | `")
            .append(o.envVar()).append("` | ").append(cell(o.description())).append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static <T> String defaultText(Option<T> o) {
    return o.secret() ? "" : o.type().format(o.defaultValue());
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String escape(String value) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        b.append("\\\\");
      } else if (c == '\n') {
        b.append("\\n");
      } else if (i == 0 && c == ' ') {
        b.append("\\ ");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A long list value over several lines: a backslash ends each, after its separator. */
  private static String continued(String value) {
    if (value.length() <= WIDTH) {
      return value;
    }
    return value.replace("; ", ";\\\n    ");
  }

  static List<String> wrap(String text, String prefix) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(prefix);
    for (String word : text.split("\\s+")) {
      if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(prefix);
      }
      if (line.length() > prefix.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
