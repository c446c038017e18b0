package io.challengeradar.training.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.serving.model.MlpHead;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.ModelStore;
import io.challengeradar.training.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model of a task that serving would load now (the newest version in the store) and the
 * metrics its training run measured, read from the report stored beside it.
 */
public record CurrentModel(String task, String version, Path dir, Map<String, Double> headline, JsonNode report) {

  public static CurrentModel of(Path store, String task) throws IOException {
    ModelSpec spec =
        new ModelStore(store, null)
            .newest(task)
            .orElseThrow(
                () -> new IOException("no " + task + " model in " + store + "; run: radar train " + task));
    // Fails here, as serving would, when the head file is unreadable.
    MlpHead.read(spec.file("weights.file", MlpHead.FILE));
    Path json = spec.dir().resolve(RunReport.JSON);
    if (!Files.isRegularFile(json)) {
      throw new IOException(
          task + " version " + spec.version() + " in " + store + " has no " + RunReport.JSON);
    }
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    Map<String, Double> headline = new LinkedHashMap<>();
    report.path("headline").fields().forEachRemaining(e -> headline.put(e.getKey(), e.getValue().asDouble()));
    return new CurrentModel(task, spec.version(), spec.dir(), headline, report);
  }
}
