package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The saved objects as readable source: one pretty-printed JSON file per Kibana saved object under
 * {@code <type>/<id>.json}, listed in {@value #LIST}, with Kibana's JSON-in-string fields written as
 * real JSON, and the Vega specs under {@code vega/} that panels name with {@code specFile}. The
 * shipped set is on the classpath ({@link #shipped}); tests check broken sets from a folder.
 */
public final class SourceSet {
  /** The shipped sources' folder on the classpath. */
  public static final String FOLDER = "/io/challengeradar/dashboards/kibana/";
  /** The file listing every saved object's source, one relative path a line. */
  public static final String LIST = "objects.list";
  /** Where a panel's Vega spec lives, relative to the set's folder. */
  public static final String VEGA = "vega/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String origin;
  private final Function<String, String> reader;

  private SourceSet(String origin, Function<String, String> reader) {
    this.origin = origin;
    this.reader = reader;
  }

  /** The sources shipped in this module. */
  public static SourceSet shipped() {
    return new SourceSet("classpath " + FOLDER, name -> {
      try (InputStream in = SourceSet.class.getResourceAsStream(FOLDER + name)) {
        return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Sources laid out as the shipped ones, in {@code folder}. */
  public static SourceSet folder(Path folder) {
    return new SourceSet(folder.toString(), name -> {
      Path file = folder.resolve(name);
      try {
        return Files.isRegularFile(file) ? Files.readString(file) : null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Every listed saved object's source, in list order. */
  public List<Source> objects() {
    String list = reader.apply(LIST);
    if (list == null) {
      throw new DashboardException("no " + LIST + " in " + origin);
    }
    List<Source> out = new ArrayList<>();
    for (String line : list.split("\n")) {
      String path = line.strip();
      if (path.isEmpty() || path.startsWith("#")) {
        continue;
      }
      String text = reader.apply(path);
      if (text == null) {
        throw new DashboardException(LIST + " names " + path + ", which is not in " + origin);
      }
      try {
        out.add(new Source(path, (ObjectNode) JSON.readTree(text)));
      } catch (IOException | ClassCastException e) {
        throw new DashboardException(path + " is not a JSON object: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** A file of the set, relative to its folder (a Vega spec: {@code vega/NAME}). */
  public Optional<String> file(String relative) {
    return Optional.ofNullable(reader.apply(relative));
  }

  @Override
  public String toString() {
    return origin;
  }

  /**
   * One saved object's source.
   *
   * @param path its file, relative to the set's folder: {@code <type>/<id>.json}
   * @param json the saved object as written there
   */
  public record Source(String path, ObjectNode json) {
    /** The id its file name gives. */
    public String fileId() {
      String name = path.substring(path.lastIndexOf('/') + 1);
      return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** The type its folder gives. */
    public String folderType() {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? "" : path.substring(0, slash);
    }

    public String id() {
      return json.path("id").asText("");
    }

    public String type() {
      return json.path("type").asText("");
    }

    public String title() {
      return json.path("attributes").path("title").asText("");
    }
  }
}
