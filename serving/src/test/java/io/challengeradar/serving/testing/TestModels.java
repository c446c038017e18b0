package io.challengeradar.serving.testing;

import io.challengeradar.config.Config;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.model.DjlRuntime;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the model store the build unpacked, and DJL set up to stay offline. */
public final class TestModels {

  private TestModels() {}

  /** The build's model store ({@code serving/target/model-store}), passed in by surefire/failsafe. */
  public static Path store() {
    Path store =
        Path.of(System.getProperty("radar.serving.store", "target/model-store")).toAbsolutePath();
    if (!Files.isDirectory(store.resolve("minilm"))) {
      throw new IllegalStateException(
          "no MiniLM model in " + store + "; run the serving module's build to unpack it");
    }
    DjlRuntime.configure(store.resolveSibling("djl-cache"));
    return store;
  }

  /**
   * The serving settings of a test node on {@code storeDir}: a free port, the build's DJL cache,
   * no reloading; tests change more with {@link Config#with}.
   */
  public static Config settings(Path storeDir) {
    return ServingSettings.onAFreePort(storeDir, store().resolveSibling("djl-cache"));
  }

  public static Path minilm() {
    return store().resolve("minilm").resolve("1");
  }

  /** The 8-bit quantized MiniLM the build unpacks beside the full one. */
  public static Path minilmQuantized() {
    return store().resolve("minilm-q").resolve("1");
  }
}
