package io.challengeradar.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the build baked in: this project's version, Flink's version, the assembled lib folder. */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  public static String radarVersion() {
    return PROPS.getProperty("radar.version");
  }

  public static String flinkVersion() {
    return PROPS.getProperty("flink.version");
  }

  /** The lib/ folder the build assembled (flink-runtime, flink-runtime-web, flink-clients...). */
  public static Path flinkLib() {
    Path lib = Path.of(PROPS.getProperty("flink.lib"));
    if (!Files.isDirectory(lib)) {
      throw new ClusterException("Flink's lib folder " + lib + " is missing: build the project"
          + " first (./mvnw -DskipTests package -pl app -am)");
    }
    return lib;
  }

  private static Properties load() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new IllegalStateException("build.properties is missing from the cluster module");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }
}
