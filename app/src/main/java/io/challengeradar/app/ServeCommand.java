package io.challengeradar.app;

import io.challengeradar.config.Config;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.model.DeviceUnavailableException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code radar serve}: the model serving tier, until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the models in the model store over HTTP/JSON: POST /v1/embed,"
          + " /v1/score/participation, /v1/score/virality; GET /v1/models, /health/live,"
          + " /health/ready, /metrics.",
      "Every setting can also come from a --config file, its RADAR_SERVING_* environment"
          + " variable or --set key=value; see docs/configuration.md."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SettingsFlags flags = new SettingsFlags();

  @Option(names = "--port", description = "HTTP port (serving.port).")
  String port;

  @Option(names = "--store", description = "Model store folder <name>/<version>/model.properties"
      + " (serving.model-store).")
  Path store;

  @Option(names = "--device", description = "cpu, gpu or gpu:N for every model (serving.device).")
  String device;

  @Option(names = "--threads", description = "HTTP handler threads (serving.threads).")
  String threads;

  @Option(names = "--reload-seconds", paramLabel = "SECONDS", description = "How often to look"
      + " for new model versions; 0 never (serving.reload-interval).")
  Long reloadSeconds;

  @Option(names = "--max-items", description = "Most videos or pairs per request"
      + " (serving.max-items).")
  String maxItems;

  @Option(names = "--max-caption-chars", description = "Longest caption accepted"
      + " (serving.max-caption-chars).")
  String maxCaptionChars;

  @Override
  public Integer call() throws Exception {
    ServingNode.Options options = options();
    ServingNode node;
    try {
      node = ServingNode.start(options);
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
        "radar serve: listening on port " + node.port() + " with models from " + options.store());
    stopped.await();
    return 0;
  }

  /** The serving settings: defaults, {@code --config}, {@code RADAR_SERVING_*}, then the flags. */
  Config settings() {
    try {
      return flags.load(flags.loader("serving")
          .flag(ServingSettings.PORT.key(), port, "--port")
          .flag(ServingSettings.MODEL_STORE.key(),
              store == null ? null : store.toAbsolutePath().toString(), "--store")
          .flag(ServingSettings.DEVICE.key(), device, "--device")
          .flag(ServingSettings.THREADS.key(), threads, "--threads")
          .flag(ServingSettings.RELOAD_INTERVAL.key(),
              reloadSeconds == null ? null : reloadSeconds + "s", "--reload-seconds")
          .flag(ServingSettings.MAX_ITEMS.key(), maxItems, "--max-items")
          .flag(ServingSettings.MAX_CAPTION_CHARS.key(), maxCaptionChars, "--max-caption-chars"));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  ServingNode.Options options() {
    return ServingNode.Options.from(settings(), RadarHome.projectRoot());
  }
}
