package io.challengeradar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.Option;
import io.challengeradar.serving.api.ServingLimits;
import io.challengeradar.serving.engine.BatchingOptions;
import io.challengeradar.serving.http.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingSettingsTest {
  private static final Path SHIPPED = Path.of("..", "docs", "config", "serving.properties");
  private static final Path ROOT = Path.of("/project");

  @TempDir Path dir;

  @Test
  void theShippedPropertiesFileHoldsEverySettingAtItsDefault() throws Exception {
    // Its exact text (radar config defaults --component serving) is app's ShippedConfigTest's.
    Config shipped = Config.loader(ServingSettings.GROUP).file(SHIPPED).load();
    String text = Files.readString(SHIPPED, StandardCharsets.UTF_8);

    for (Option<?> o : ServingSettings.GROUP.options()) {
      assertThat(text).as(o.key()).containsPattern("(?m)^" + Pattern.quote(o.key()) + "=");
      assertThat((Object) shipped.get(o)).as(o.key()).isEqualTo(o.defaultValue());
    }
  }

  @Test
  void theDefaultsAreTheNodesOptions() {
    ServingNode.Options o = ServingNode.Options.from(ServingSettings.defaults(), ROOT);

    assertThat(o.server()).isEqualTo(new ServerOptions(8081, 64, 64 << 20));
    assertThat(o.limits()).isEqualTo(new ServingLimits(256, 20_000, 4 << 20, 16, 512));
    assertThat(o.batching())
        .isEqualTo(new BatchingOptions(32, Duration.ofMillis(5), 1024, 1, Duration.ofSeconds(10)));
    assertThat(o.store()).isEqualTo(ROOT.resolve("serving/target/model-store"));
    assertThat(o.djlCache()).isEqualTo(ROOT.resolve("serving/target/djl-cache"));
    assertThat(o.device()).isNull();
    assertThat(o.reloadInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void fileEnvironmentAndFlagsReachTheNode() throws Exception {
    Path file = Files.writeString(dir.resolve("serving.properties"), String.join("\n",
        "serving.port=9000", "serving.threads=8", "serving.batch.max-delay=20ms",
        "serving.model-store=/models", "serving.max-items=4"));

    Config c = Config.loader(ServingSettings.GROUP).file(file)
        .environment(Map.of("RADAR_SERVING_PORT", "9100", "RADAR_SERVING_DEVICE", "gpu:1",
            "RADAR_SERVING_BATCH_WORKERS", "3"))
        .flag(ServingSettings.PORT.key(), "9200", "--port")
        .set(Map.of("serving.max-items", "2")).load();
    ServingNode.Options o = ServingNode.Options.from(c, ROOT);

    assertThat(o.server().port()).isEqualTo(9200);
    assertThat(o.server().threads()).isEqualTo(8);
    assertThat(o.batching().maxBatchDelay()).isEqualTo(Duration.ofMillis(20));
    assertThat(o.batching().workers()).isEqualTo(3);
    assertThat(o.device()).isEqualTo("gpu:1");
    assertThat(o.store()).isEqualTo(Path.of("/models"));
    assertThat(o.limits().maxItems()).isEqualTo(2);
    assertThat(c.origin(ServingSettings.THREADS).toString()).isEqualTo("file " + file);
    assertThat(c.origin(ServingSettings.DEVICE).toString())
        .isEqualTo("environment RADAR_SERVING_DEVICE");
    assertThat(c.origin(ServingSettings.PORT).toString()).isEqualTo("flag --port");
  }

  @Test
  void aBadDeviceOrAMisspelledKeyIsRefusedByName() throws Exception {
    assertThatThrownBy(() -> Config.loader(ServingSettings.GROUP)
        .environment(Map.of("RADAR_SERVING_DEVICE", "tpu")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("serving.device must be cpu, gpu or gpu:N");
    Path file = Files.writeString(dir.resolve("bad.properties"), "serving.treads=8\n");
    assertThatThrownBy(() -> Config.loader(ServingSettings.GROUP).file(file).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("serving.treads").hasMessageContaining(file.toString())
        .hasMessageContaining("did you mean serving.threads?");
  }
}
