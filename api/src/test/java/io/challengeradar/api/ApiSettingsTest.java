package io.challengeradar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiSettingsTest {
  private static final Path SHIPPED = Path.of("..", "docs", "config", "api.properties");
  private static final String KEY_A = "0123456789abcdef-a";
  private static final String KEY_B = "0123456789abcdef-b";

  @TempDir Path dir;

  @Test
  void theShippedPropertiesFileHoldsEverySettingAtItsDefault() throws Exception {
    // Its exact text (radar config defaults --component api) is app's ShippedConfigTest's.
    Config shipped = Config.loader(ApiSettings.GROUP).file(SHIPPED).load();
    String text = Files.readString(SHIPPED, StandardCharsets.UTF_8);

    for (Option<?> o : ApiSettings.GROUP.options()) {
      assertThat(text).as(o.key()).containsPattern("(?m)^" + Pattern.quote(o.key()) + "=");
      assertThat((Object) shipped.get(o)).as(o.key()).isEqualTo(o.defaultValue());
    }
  }

  @Test
  void theDefaultsAreTodaysOptions() {
    assertThat(ApiOptions.from(ApiSettings.defaults())).isEqualTo(new ApiOptions(8080, 16, 10.0,
        20, Duration.ofSeconds(5),
        io.challengeradar.config.ElasticsearchAccess.plain("http://localhost:9200")));
  }

  @Test
  void fileEnvironmentAndFlagsReachTheApi() throws Exception {
    Path keys = Files.writeString(dir.resolve("keys"), KEY_A + " team-a\n");
    Path file = Files.writeString(dir.resolve("api.properties"), String.join("\n",
        "api.port=9000", "api.rate=2.5", "api.keys-file=" + keys,
        "elasticsearch.hosts=http://es-a:9200"));

    Config c = Config.loader(ApiSettings.GROUP).file(file)
        .environment(Map.of("RADAR_API_PORT", "9100", "RADAR_API_KEYS", KEY_B,
            "RADAR_ELASTICSEARCH_HOSTS", "http://es-b:9200, http://es-c:9200"))
        .flag(ApiSettings.PORT.key(), "9200", "--port").load();
    ApiOptions o = ApiOptions.from(c);
    ApiKeys k = ApiKeys.from(c);

    assertThat(o.port()).isEqualTo(9200);
    assertThat(o.ratePerSecond()).isEqualTo(2.5);
    assertThat(o.elasticsearchHosts()).containsExactly("http://es-b:9200", "http://es-c:9200");
    assertThat(k.authenticate(KEY_A)).contains("team-a");
    assertThat(k.authenticate(KEY_B)).contains("env-1");
    assertThat(c.origin(CommonOptions.ELASTICSEARCH_HOSTS).toString())
        .isEqualTo("environment RADAR_ELASTICSEARCH_HOSTS");
  }

  @Test
  void keysNeverShowAndAShortOneIsRefusedNamingWhereItCameFrom() {
    Config c = Config.loader(ApiSettings.GROUP)
        .environment(Map.of("RADAR_API_KEYS", KEY_A + ",short")).load();

    assertThat(String.join("\n", c.describe())).doesNotContain(KEY_A);
    assertThatThrownBy(() -> ApiKeys.from(c))
        .hasMessageContaining("environment RADAR_API_KEYS) entry 2")
        .hasMessageNotContaining("short");
  }

  @Test
  void aHostThatIsNoUrlIsRefusedByName() {
    assertThatThrownBy(() -> Config.loader(ApiSettings.GROUP)
        .flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), "es:9200", "--es").load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("elasticsearch.hosts must be URLs like")
        .hasMessageContaining("--es");
  }
}
