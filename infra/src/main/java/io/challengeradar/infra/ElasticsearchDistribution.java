package io.challengeradar.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The unpacked Elasticsearch distribution the build produced (Maven unpacks the integ-test zip
 * into infra/target). Nothing is downloaded at run time; a different unpacked distribution can be
 * named with the system property {@value #PROPERTY} or the environment variable {@value #ENV}.
 */
public final class ElasticsearchDistribution {
  public static final String PROPERTY = "radar.elasticsearch.distribution";
  public static final String ENV = "RADAR_ELASTICSEARCH_DISTRIBUTION";

  private ElasticsearchDistribution() {}

  /** The distribution folder to use, checked to hold bin/elasticsearch. */
  public static Path locate() {
    String configured = System.getProperty(PROPERTY, System.getenv(ENV));
    Path dir = configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(buildProperty("elasticsearch.distribution"));
    return check(dir);
  }

  /** Fails clearly unless {@code dir} looks like an unpacked Elasticsearch. */
  public static Path check(Path dir) {
    if (!Files.isRegularFile(dir.resolve("bin").resolve("elasticsearch"))) {
      throw new PlatformException(
          "no Elasticsearch distribution at " + dir + " (bin/elasticsearch missing): build it with"
              + " ./mvnw -pl infra -am package -DskipTests, or set " + PROPERTY + " / " + ENV);
    }
    return dir;
  }

  /** The names of the distribution's modules (e.g. x-pack-security), which decide its settings. */
  public static Set<String> modules(Path dir) {
    try (Stream<Path> entries = Files.list(dir.resolve("modules"))) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new PlatformException("cannot list the modules of " + dir + ": " + e, e);
    }
  }

  private static String buildProperty(String key) {
    Properties props = new Properties();
    try (InputStream in =
        ElasticsearchDistribution.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new PlatformException("build.properties is missing from the infra jar");
      }
      props.load(in);
    } catch (IOException e) {
      throw new PlatformException("cannot read infra's build.properties: " + e, e);
    }
    String value = props.getProperty(key);
    if (value == null || value.contains("${")) {
      throw new PlatformException("infra's build.properties has no resolved '" + key + "'");
    }
    return value;
  }
}
