package io.challengeradar.serving.model;

import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.engine.BatchingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of versioned models: {@code <root>/<name>/<version>/model.properties} plus the model's
 * files. Versions compare numerically when both are whole numbers ({@code 10 > 9}), otherwise as
 * text; a version folder without {@code model.properties} is ignored (it may still be copying).
 */
public final class ModelStore {

  /** Orders versions oldest first. */
  public static final Comparator<String> VERSION_ORDER =
      (a, b) -> {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
          return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
      };

  private final Path root;
  private final String deviceOverride;
  private final BatchingOptions batchingDefaults;
  private final TextEncoderOptions text;

  /** A store whose models batch by the serving tier's defaults where they set nothing. */
  public ModelStore(Path root, String deviceOverride) {
    this(root, deviceOverride, BatchingOptions.from(ServingSettings.defaults()));
  }

  /**
   * @param root the store folder
   * @param deviceOverride a device for every model ({@code cpu}, {@code gpu}, {@code gpu:N}), or
   *     null to use each model's own
   * @param batchingDefaults the batching of models whose {@code model.properties} sets none
   */
  public ModelStore(Path root, String deviceOverride, BatchingOptions batchingDefaults) {
    this(root, deviceOverride, batchingDefaults, TextEncoderOptions.defaults());
  }

  /**
   * @param text which shipped text encoder to serve and its overrides (token limit, threads)
   */
  public ModelStore(Path root, String deviceOverride, BatchingOptions batchingDefaults,
      TextEncoderOptions text) {
    if (root == null) {
      throw new IllegalArgumentException("root must be set");
    }
    if (deviceOverride != null) {
      DeviceSpec.parse(deviceOverride); // fail now, naming the bad value
    }
    this.root = root;
    this.deviceOverride = deviceOverride;
    this.batchingDefaults = Objects.requireNonNull(batchingDefaults, "batchingDefaults");
    this.text = Objects.requireNonNull(text, "text");
  }

  public Path root() {
    return root;
  }

  /**
   * Model names in service: the store's sub-folders, sorted, less the shipped text encoder that
   * {@code serving.text-model} did not choose when the chosen one is there too (a store holding
   * only one of them serves that one).
   */
  public List<String> names() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("model store " + root + " is not a folder");
    }
    List<String> names;
    try (Stream<Path> dirs = Files.list(root)) {
      names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    if (names.contains(text.modelName()) && names.contains(text.otherName())) {
      return names.stream().filter(n -> !n.equals(text.otherName())).toList();
    }
    return names;
  }

  /** The newest complete version of {@code name}, if any. */
  public Optional<ModelSpec> newest(String name) throws IOException {
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<String> versions = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(dir)) {
      dirs.filter(p -> Files.isRegularFile(p.resolve(ModelSpec.FILE)))
          .forEach(p -> versions.add(p.getFileName().toString()));
    }
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    versions.sort(VERSION_ORDER);
    String version = versions.get(versions.size() - 1);
    return Optional.of(text.apply(ModelSpec.read(name, version, dir.resolve(version),
        deviceOverride, batchingDefaults)));
  }
}
