package io.challengeradar.serving;

import io.challengeradar.serving.api.ServingApi;
import io.challengeradar.serving.http.ServerOptions;
import io.challengeradar.serving.http.ServingMetrics;
import io.challengeradar.serving.http.ServingServer;
import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.serving.model.ModelLoader;
import io.challengeradar.serving.model.ModelRegistry;
import io.challengeradar.serving.model.ModelStore;
import io.challengeradar.serving.wire.ServingLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A whole serving process: model store, registry, API and HTTP server, wired together. {@code radar
 * serve}, the benchmark and the integration tests all start it the same way.
 */
public final class ServingNode implements AutoCloseable {

  /**
   * Everything a node needs.
   *
   * @param store the model store folder
   * @param djlCache where DJL extracts native libraries (inside the build folder)
   * @param device a device for every model, or null for each model's own
   * @param reloadInterval how often to look for new model versions; zero never
   */
  public record Config(
      Path store,
      Path djlCache,
      String device,
      Duration reloadInterval,
      ServerOptions server,
      ServingLimits limits) {

    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

    public Config {
      if (store == null) {
        throw new IllegalArgumentException("store must be set");
      }
      if (djlCache == null) {
        throw new IllegalArgumentException("djlCache must be set");
      }
      if (reloadInterval == null || reloadInterval.isNegative()) {
        throw new IllegalArgumentException("reloadInterval must be zero or more, was " + reloadInterval);
      }
      if (server == null || limits == null) {
        throw new IllegalArgumentException("server and limits must be set");
      }
    }

    public static Config of(Path store, Path djlCache) {
      return new Config(
          store, djlCache, null, DEFAULT_RELOAD_INTERVAL, ServerOptions.defaults(), ServingLimits.defaults());
    }

    public Config withServer(ServerOptions s) {
      return new Config(store, djlCache, device, reloadInterval, s, limits);
    }

    public Config withLimits(ServingLimits l) {
      return new Config(store, djlCache, device, reloadInterval, server, l);
    }

    public Config withDevice(String d) {
      return new Config(store, djlCache, d, reloadInterval, server, limits);
    }

    public Config withReloadInterval(Duration r) {
      return new Config(store, djlCache, device, r, server, limits);
    }
  }

  private final ModelRegistry models;
  private final ServingApi api;
  private final ServingMetrics metrics;
  private final ServingServer server;

  private ServingNode(
      ModelRegistry models, ServingApi api, ServingMetrics metrics, ServingServer server) {
    this.models = models;
    this.api = api;
    this.metrics = metrics;
    this.server = server;
  }

  /** Loads every model (failing on any that cannot load), then opens the port. */
  public static ServingNode start(Config config) throws Exception {
    DjlRuntime.configure(config.djlCache());
    ServingMetrics metrics = new ServingMetrics();
    ModelStore store = new ModelStore(config.store(), config.device());
    ModelRegistry models =
        new ModelRegistry(store, new ModelLoader(metrics, store::newest));
    try {
      models.loadAll();
      ServingApi api = new ServingApi(models, config.limits());
      ServingServer server = ServingServer.start(config.server(), api, models, metrics);
      models.watch(config.reloadInterval());
      return new ServingNode(models, api, metrics, server);
    } catch (Exception | Error e) {
      models.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public ModelRegistry models() {
    return models;
  }

  public ServingApi api() {
    return api;
  }

  public ServingMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    server.close();
    models.close();
  }
}
