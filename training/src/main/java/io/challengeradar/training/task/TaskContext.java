package io.challengeradar.training.task;

import io.challengeradar.training.nn.TrainingOptions;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where a training run reads and writes.
 *
 * @param dataDir the public data sets ({@code ../shared/data} beside the project)
 * @param store the serving model store: the text encoder is read from it, heads are added to it
 * @param cacheDir embedding cache folder (inside the ignored {@code .radar/} folder)
 * @param reportsDir reports root: each run writes {@code <task>/<run id>/}
 * @param options how heads are trained
 * @param log progress lines (one per epoch) and summaries
 * @param command the command line that started the run, for the report
 */
public record TaskContext(
    Path dataDir,
    Path store,
    Path cacheDir,
    Path reportsDir,
    TrainingOptions options,
    PrintStream log,
    String command) {

  public TaskContext {
    if (dataDir == null || store == null || cacheDir == null || reportsDir == null) {
      throw new IllegalArgumentException("dataDir, store, cacheDir and reportsDir must be set");
    }
    if (options == null) {
      throw new IllegalArgumentException("options must be set");
    }
    if (log == null) {
      throw new IllegalArgumentException("log must be set");
    }
  }

  /** The folder of one data set, failing with a clear message when it is absent. */
  public Path dataSet(String name) {
    Path dir = dataDir.resolve(name);
    if (!java.nio.file.Files.isDirectory(dir)) {
      throw new MissingDataException(
          "data set " + name + " not found in " + dataDir.toAbsolutePath().normalize()
              + " (expected ../shared/data beside the project, or pass --data)");
    }
    return dir;
  }
}
