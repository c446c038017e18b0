package io.challengeradar.training.store;

import io.challengeradar.serving.model.MlpHead;
import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.ModelStore;
import io.challengeradar.training.nn.TrainedHead;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Adds a trained head to the serving model store as the next version of its name: {@code
 * head.json}, the run's report files, then {@code model.properties} last and atomically, because
 * the store ignores a version until that file exists.
 */
public final class HeadRegistrar {

  private final Path store;

  public HeadRegistrar(Path store) {
    if (store == null) {
      throw new IllegalArgumentException("store must be set");
    }
    this.store = store;
  }

  /**
   * @param properties extra {@code model.properties} entries (input layout, threshold, ...)
   * @param reportDir the run's report folder, copied beside the head (may be null)
   * @return the new version's folder
   */
  public Path register(
      String name, ModelKind kind, TrainedHead head, Map<String, String> properties, Path reportDir)
      throws IOException {
    return register(name, kind, head, Map.of(), properties, reportDir);
  }

  /**
   * @param moreHeads further heads of the same version, by file name (a model with a fallback
   *     head names the file in its properties)
   */
  public Path register(
      String name, ModelKind kind, TrainedHead head, Map<String, TrainedHead> moreHeads,
      Map<String, String> properties, Path reportDir) throws IOException {
    Path dir = store.resolve(name).resolve(nextVersion(name));
    Files.createDirectories(dir);
    head.write(dir.resolve(MlpHead.FILE));
    for (Map.Entry<String, TrainedHead> more : moreHeads.entrySet()) {
      more.getValue().write(dir.resolve(more.getKey()));
    }
    if (reportDir != null && Files.isDirectory(reportDir)) {
      try (Stream<Path> files = Files.list(reportDir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(f)) {
            Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    Properties p = new Properties();
    p.setProperty("kind", kind.key());
    p.setProperty("engine", "builtin");
    p.setProperty("device", "cpu");
    p.setProperty("weights.file", MlpHead.FILE);
    p.setProperty("batch.size", "64");
    p.setProperty("batch.delay.ms", "2");
    p.setProperty("queue.capacity", "4096");
    p.setProperty("timeout.ms", "10000");
    new TreeMap<>(properties).forEach(p::setProperty);
    Path tmp = dir.resolve(ModelSpec.FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "written by radar train");
    }
    Files.move(tmp, dir.resolve(ModelSpec.FILE), StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  /** One more than the highest whole-number version of {@code name}, or 1. */
  public String nextVersion(String name) throws IOException {
    Path dir = store.resolve(name);
    long max = 0;
    if (Files.isDirectory(dir)) {
      try (Stream<Path> versions = Files.list(dir)) {
        for (Path v : (Iterable<Path>) versions::iterator) {
          String s = v.getFileName().toString();
          if (s.matches("\\d{1,18}")) {
            max = Math.max(max, Long.parseLong(s));
          }
        }
      }
    }
    return Long.toString(max + 1);
  }

  /** The newest complete version folder of {@code name}, if any. */
  public java.util.Optional<Path> current(String name) throws IOException {
    return new ModelStore(store, null).newest(name).map(ModelSpec::dir);
  }
}
