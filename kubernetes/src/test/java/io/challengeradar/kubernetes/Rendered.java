package io.challengeradar.kubernetes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The overlays as {@code kubectl kustomize} renders them, once per test run; tests that need them
 * skip, saying why, where kubectl is not installed.
 */
final class Rendered {
  static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Rendered() {}

  /** The project's root: the module's parent, where infra/kubernetes lives. */
  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(Kustomize.MANIFESTS))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no infra/kubernetes above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static String yaml(String overlay) {
    assumeTrue(KubectlHolder.AVAILABLE,
        "kubectl is not on the PATH: the rendered overlays are not checked");
    return CACHE.computeIfAbsent(overlay, o -> Kustomize.onPath()
        .render(Kustomize.overlay(projectRoot().resolve(Kustomize.MANIFESTS), o)));
  }

  /** The overlay's objects, rendered. */
  static List<JsonNode> documents(String overlay) {
    return parse(yaml(overlay));
  }

  static List<JsonNode> parse(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isEmpty()) {
          out.add(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static final class KubectlHolder {
    static final boolean AVAILABLE = Kustomize.onPath().available();
  }
}
