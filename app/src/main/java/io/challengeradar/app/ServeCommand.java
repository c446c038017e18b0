package io.challengeradar.app;

import io.challengeradar.infra.RadarHome;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.http.ServerOptions;
import io.challengeradar.serving.model.DeviceUnavailableException;
import io.challengeradar.serving.wire.ServingLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar serve}: the model serving tier, until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the models in the model store over HTTP/JSON: POST /v1/embed,"
          + " /v1/score/participation, /v1/score/virality; GET /v1/models, /health/live,"
          + " /health/ready, /metrics.",
      "Every option can also be set by the environment variable shown."
    })
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "${env:RADAR_SERVING_PORT:-8081}",
      description = "HTTP port (RADAR_SERVING_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--store",
      defaultValue = "${env:RADAR_SERVING_STORE}",
      description =
          "Model store folder <name>/<version>/model.properties (RADAR_SERVING_STORE; default"
              + " serving/target/model-store, unpacked by the build).")
  Path store;

  @Option(
      names = "--device",
      defaultValue = "${env:RADAR_SERVING_DEVICE}",
      description = "cpu, gpu or gpu:N for every model (RADAR_SERVING_DEVICE; default: each model's own).")
  String device;

  @Option(
      names = "--threads",
      defaultValue = "${env:RADAR_SERVING_THREADS:-64}",
      description = "HTTP handler threads (RADAR_SERVING_THREADS; default ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--reload-seconds",
      defaultValue = "${env:RADAR_SERVING_RELOAD_SECONDS:-10}",
      description = "How often to look for new model versions; 0 never (default ${DEFAULT-VALUE}).")
  long reloadSeconds;

  @Option(
      names = "--max-items",
      defaultValue = "${env:RADAR_SERVING_MAX_ITEMS:-256}",
      description = "Most videos or pairs per request (default ${DEFAULT-VALUE}).")
  int maxItems;

  @Option(
      names = "--max-caption-chars",
      defaultValue = "${env:RADAR_SERVING_MAX_CAPTION_CHARS:-20000}",
      description = "Longest caption accepted (default ${DEFAULT-VALUE}).")
  int maxCaptionChars;

  @Override
  public Integer call() throws Exception {
    ServingNode.Config config = config();
    ServingNode node;
    try {
      node = ServingNode.start(config);
    } catch (DeviceUnavailableException e) {
      System.err.println("radar serve: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "serve-shutdown"));
    System.err.println(
        "radar serve: listening on port " + node.port() + " with models from " + config.store());
    stopped.await();
    return 0;
  }

  ServingNode.Config config() {
    Path root = RadarHome.projectRoot();
    Path storeDir = store != null ? store : root.resolve("serving/target/model-store");
    return ServingNode.Config.of(storeDir, root.resolve("serving/target/djl-cache"))
        .withDevice(device == null || device.isBlank() ? null : device)
        .withReloadInterval(Duration.ofSeconds(reloadSeconds))
        .withServer(ServerOptions.defaults().withPort(port).withThreads(threads))
        .withLimits(
            ServingLimits.defaults().withMaxItems(maxItems).withMaxCaptionChars(maxCaptionChars));
  }
}
