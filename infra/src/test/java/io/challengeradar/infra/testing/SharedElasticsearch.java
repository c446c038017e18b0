package io.challengeradar.infra.testing;

import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ONE real Elasticsearch per test JVM (with the index templates installed), shared by every
 * test class that uses this extension, and stops it when the JVM's tests are done. Inject it as an
 * {@link ElasticsearchTestServer} parameter (constructor, lifecycle or test method).
 *
 * <p>It listens on {@value #DEFAULT_PORT} (or the system property {@value #PORT_PROPERTY}) when
 * free, else on any free port, so it never clashes with a developer's {@code radar up} on 9200;
 * its files live under the radar home (failsafe sets {@code radar.home}) in it/elasticsearch-PORT.
 *
 * <pre>{@code
 * @ExtendWith(SharedElasticsearch.class)
 * class MySinkIT {
 *   @Test void writes(ElasticsearchTestServer es) { ... es.client() ... }
 * }
 * }</pre>
 */
public final class SharedElasticsearch implements BeforeAllCallback, ParameterResolver {
  public static final String PORT_PROPERTY = "radar.it.elasticsearch.port";
  public static final int DEFAULT_PORT = 19200;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedElasticsearch.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ElasticsearchTestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  private static ElasticsearchTestServer server(ExtensionContext context) {
    // The root store lives as long as the test JVM's engine run: one server for all classes.
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Resource.class, key -> Resource.start(), Resource.class)
        .server;
  }

  /** Where test servers keep their files: the radar home when set (failsafe), else target/. */
  public static Path testHome() {
    return System.getProperty(RadarHome.PROPERTY) != null
        ? RadarHome.resolve()
        : Path.of("target", "radar-it").toAbsolutePath();
  }

  private static final class Resource implements ExtensionContext.Store.CloseableResource {
    private final RunningPlatform platform;
    private final ElasticsearchTestServer server;

    private Resource(RunningPlatform platform) {
      this.platform = platform;
      this.server = new ElasticsearchTestServer(platform);
    }

    static Resource start() {
      int port = Ports.preferredOrAnyFree(Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT));
      Path home = testHome();
      ElasticsearchOptions es = ElasticsearchOptions.defaults(home)
          .withHttpPort(port)
          .withBaseDir(home.resolve("it").resolve("elasticsearch-" + port));
      return new Resource(LocalPlatform.start(
          PlatformOptions.defaults(home).withElasticsearch(es), System.err));
    }

    @Override
    public void close() {
      platform.close();
    }
  }
}
