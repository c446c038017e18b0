package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The shipped sources written into a folder, so a test can break one thing and check the set. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** Copies the shipped set into {@code folder}: the list, every object, every spec it names. */
  static SourceSet copyOfShipped(Path folder) throws IOException {
    SourceSet shipped = SourceSet.shipped();
    Files.writeString(folder.resolve(SourceSet.LIST), shipped.file(SourceSet.LIST).orElseThrow());
    for (SourceSet.Source s : shipped.objects()) {
      write(folder.resolve(s.path()), JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(s.json()));
      if (s.type().equals("dashboard")) {
        for (ObjectNode p : SavedObjects.panels(s.json())) {
          String spec = p.path("embeddableConfig").path("savedVis").path("params")
              .path("specFile").asText();
          if (!spec.isEmpty()) {
            write(folder.resolve(SourceSet.VEGA + spec),
                shipped.file(SourceSet.VEGA + spec).orElseThrow());
          }
        }
      }
    }
    return SourceSet.folder(folder);
  }

  /** Changes the object at {@code path} (relative to the folder) in place. */
  static void edit(Path folder, String path, Consumer<ObjectNode> change) throws IOException {
    Path file = folder.resolve(path);
    ObjectNode o = (ObjectNode) JSON.readTree(Files.readString(file));
    change.accept(o);
    Files.writeString(file, JSON.writeValueAsString(o));
  }

  /** The panel of {@code dashboard} with {@code panelIndex}. */
  static ObjectNode panel(ObjectNode dashboard, String panelIndex) {
    return SavedObjects.panels(dashboard).stream()
        .filter(p -> p.path("panelIndex").asText().equals(panelIndex)).findFirst().orElseThrow();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
