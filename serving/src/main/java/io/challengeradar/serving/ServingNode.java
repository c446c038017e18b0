package io.challengeradar.serving;

import io.challengeradar.config.Config;
import io.challengeradar.serving.api.ServingApi;
import io.challengeradar.serving.api.ServingLimits;
import io.challengeradar.serving.engine.BatchingOptions;
import io.challengeradar.serving.http.ServerOptions;
import io.challengeradar.serving.http.ServingMetrics;
import io.challengeradar.serving.http.ServingServer;
import io.challengeradar.serving.model.CaptionCache;
import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.serving.model.ModelLoader;
import io.challengeradar.serving.model.ModelRegistry;
import io.challengeradar.serving.model.ModelStore;
import io.challengeradar.serving.model.TextEncoderOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A whole serving process: model store, registry, API and HTTP server, wired together. {@code radar
 * serve}, the benchmark and the integration tests all start it the same way.
 */
public final class ServingNode implements AutoCloseable {

  /**
   * Everything a node needs, resolved from the serving settings.
   *
   * @param store the model store folder
   * @param djlCache where DJL extracts native libraries (inside the build folder)
   * @param device a device for every model, or null for each model's own
   * @param reloadInterval how often to look for new model versions; zero never
   * @param batching the batching of models whose {@code model.properties} sets none
   * @param server the HTTP transport's settings
   * @param limits what one request may hold
   * @param text which text encoder to serve, its overrides and its caption cache's size
   */
  public record Options(
      Path store,
      Path djlCache,
      String device,
      Duration reloadInterval,
      BatchingOptions batching,
      ServerOptions server,
      ServingLimits limits,
      TextEncoderOptions text) {

    public Options {
      if (store == null) {
        throw new IllegalArgumentException("store must be set");
      }
      if (djlCache == null) {
        throw new IllegalArgumentException("djlCache must be set");
      }
      if (reloadInterval == null || reloadInterval.isNegative()) {
        throw new IllegalArgumentException("reloadInterval must be zero or more, was " + reloadInterval);
      }
      if (batching == null || server == null || limits == null || text == null) {
        throw new IllegalArgumentException("batching, server, limits and text must be set");
      }
    }

    /**
     * The options {@code settings} (see {@link ServingSettings}) describe; relative folders are
     * resolved against {@code projectRoot}.
     */
    public static Options from(Config settings, Path projectRoot) {
      return new Options(
          projectRoot.resolve(settings.get(ServingSettings.MODEL_STORE)),
          projectRoot.resolve(settings.get(ServingSettings.DJL_CACHE)),
          settings.get(ServingSettings.DEVICE),
          settings.get(ServingSettings.RELOAD_INTERVAL),
          BatchingOptions.from(settings),
          ServerOptions.from(settings),
          ServingLimits.from(settings),
          TextEncoderOptions.from(settings));
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
  public static ServingNode start(Options options) throws Exception {
    DjlRuntime.configure(options.djlCache());
    CaptionCache cache = new CaptionCache(options.text().cacheSize());
    ServingMetrics metrics = new ServingMetrics(cache);
    ModelStore store =
        new ModelStore(options.store(), options.device(), options.batching(), options.text());
    ModelRegistry models =
        new ModelRegistry(store, new ModelLoader(metrics, store::newest));
    try {
      models.loadAll();
      ServingApi api = new ServingApi(models, options.limits(), cache);
      ServingServer server = ServingServer.start(options.server(), api, models, metrics);
      models.watch(options.reloadInterval());
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
