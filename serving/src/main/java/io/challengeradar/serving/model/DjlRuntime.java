package io.challengeradar.serving.model;

import java.nio.file.Path;

/**
 * DJL reads its settings from system properties once, when it first loads; this sets them before
 * that happens so the serving tier never downloads anything at run time.
 */
public final class DjlRuntime {

  private DjlRuntime() {}

  /**
   * Forces offline mode and points DJL's cache (where the tokenizer's and engines' native
   * libraries are extracted from their jars) into {@code cacheDir} unless one is set already.
   */
  public static void configure(Path cacheDir) {
    System.setProperty("offline", "true");
    if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
    }
    // ONNX Runtime would otherwise load PyTorch as a helper for NDArray maths we do in Java.
    System.setProperty("ai.djl.onnx.disable_alternative", "true");
  }
}
