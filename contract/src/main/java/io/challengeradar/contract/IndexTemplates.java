package io.challengeradar.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index templates shipped on the class path. Every {@value #LIST} found (one per jar, so other
 * modules can ship theirs) names template files in the same folder, one per line.
 */
public final class IndexTemplates {
  /** The folder of the template files on the class path. */
  public static final String FOLDER = "io/challengeradar/contract/templates/";
  public static final String LIST = FOLDER + "templates.list";

  private static final ObjectMapper JSON = new ObjectMapper();

  private IndexTemplates() {}

  /** Every listed template from this class's class loader, in list order. */
  public static List<IndexTemplate> load() {
    return load(IndexTemplates.class.getClassLoader());
  }

  /** Every listed template visible to {@code loader}; fails naming the file and field at fault. */
  public static List<IndexTemplate> load(ClassLoader loader) {
    Map<String, IndexTemplate> byName = new LinkedHashMap<>();
    try {
      for (URL list : Collections.list(loader.getResources(LIST))) {
        for (String entry : entries(read(list))) {
          URL file = loader.getResource(FOLDER + entry);
          if (file == null) {
            throw new TemplateException(list + " lists " + entry + ", which is not on the class path");
          }
          IndexTemplate template = parse(entry, read(file), file.toString());
          IndexTemplate earlier = byName.putIfAbsent(template.name(), template);
          if (earlier != null && !earlier.origin().equals(template.origin())) {
            throw new TemplateException("template " + template.name() + " is shipped twice: "
                + earlier.origin() + " and " + template.origin());
          }
        }
      }
    } catch (IOException e) {
      throw new TemplateException("cannot read the index templates: " + e, e);
    }
    return List.copyOf(byName.values());
  }

  /** The file names in a list: one a line; blank lines and # comments ignored. */
  static List<String> entries(String list) {
    List<String> entries = new ArrayList<>();
    for (String line : list.lines().toList()) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      if (!entry.endsWith(".json") || entry.contains("/")) {
        throw new TemplateException(
            "templates.list entries must be plain file names ending in .json, got '" + entry + "'");
      }
      entries.add(entry);
    }
    return entries;
  }

  /** Parses one template file, checking the fields the installer relies on. */
  static IndexTemplate parse(String fileName, String json, String origin) {
    String name = fileName.substring(0, fileName.length() - ".json".length());
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new TemplateException("template " + origin + " is not valid JSON: "
          + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new TemplateException("template " + origin + " must be a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.canConvertToExactIntegral() || version.asLong() < 1) {
      throw new TemplateException("template " + origin
          + ": field 'version' must be a whole number >= 1, got " + version);
    }
    JsonNode patterns = root.get("index_patterns");
    if (patterns == null || !patterns.isArray() || patterns.isEmpty()) {
      throw new TemplateException("template " + origin
          + ": field 'index_patterns' must be a non-empty array");
    }
    return new IndexTemplate(name, version.asLong(), json, origin);
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
