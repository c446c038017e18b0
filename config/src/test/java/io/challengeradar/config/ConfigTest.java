package io.challengeradar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  static final Option<Duration> WINDOW = Option.key("window.size").durationType()
      .defaultValue(Duration.ofHours(1)).positive().description("Length of a window.");
  static final Option<Integer> CAPACITY = Option.key("enrichment.capacity").intType()
      .defaultValue(64).positive().description("Posts in flight.");
  static final Option<URI> SERVING = Option.key("serving.url").urlType()
      .description("The serving tier; empty: off.");
  static final Option<String> PASSWORD = Option.key("elasticsearch.password").stringType()
      .secret().description("Password of the Elasticsearch user.");
  static final Option<Integer> PORT = Option.key("api.port").intType().defaultValue(8080)
      .description("Port of the query API.");

  static final OptionGroup JOB = OptionGroup.of("pipeline", "The job.", WINDOW, CAPACITY, SERVING,
      PASSWORD);
  static final OptionGroup API = OptionGroup.of("api", "The query API.", PORT, SERVING);

  @TempDir Path dir;

  @Test
  void eachLayerOverridesTheOneBeforeAndSaysWhereTheValueCameFrom() throws Exception {
    Path file = write("window.size=2h\nenrichment.capacity=8\n");
    Config c = Config.loader(JOB).file(file)
        .environment(Map.of("RADAR_ENRICHMENT_CAPACITY", "16", "RADAR_SERVING_URL",
            "http://serving:8081", "UNRELATED", "x"))
        .flag("serving.url", "http://other:8081", "--serving").load();

    assertThat(c.get(WINDOW)).isEqualTo(Duration.ofHours(2));
    assertThat(c.origin(WINDOW).toString()).isEqualTo("file " + file);
    assertThat(c.get(CAPACITY)).isEqualTo(16);
    assertThat(c.origin(CAPACITY).toString()).isEqualTo("environment RADAR_ENRICHMENT_CAPACITY");
    assertThat(c.get(SERVING)).isEqualTo(URI.create("http://other:8081"));
    assertThat(c.origin(SERVING).toString()).isEqualTo("flag --serving");
    assertThat(c.get(PASSWORD)).isNull();
    assertThat(c.origin(PASSWORD)).isEqualTo(Origin.DEFAULT);
  }

  @Test
  void anUnknownKeyInTheFileNamesTheKeyTheFileAndTheNearestKey() throws Exception {
    Path file = write("window.sise=2h\n");

    assertThatThrownBy(() -> Config.loader(JOB).file(file).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("window.sise")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("did you mean window.size?");
  }

  @Test
  void anotherComponentsKeyIsRefusedAsHavingNoEffect() throws Exception {
    Path file = write("api.port=9000\n");

    assertThatThrownBy(() -> Config.loader(JOB).knownElsewhere(List.of(API)).file(file).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.port")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("a setting of api, which has no effect here");
  }

  @Test
  void aBadValueNamesKeyOriginAndRule() throws Exception {
    assertThatThrownBy(() -> Config.loader(JOB)
        .environment(Map.of("RADAR_WINDOW_SIZE", "ten minutes")).load())
        .hasMessage("window.size: 'ten minutes' (environment RADAR_WINDOW_SIZE) is not a duration"
            + " like PT1H, 1h, 10m, 30s, 7d or 500ms");
    assertThatThrownBy(() -> Config.loader(JOB).flag("enrichment.capacity", "0", "--capacity")
        .load())
        .hasMessage("enrichment.capacity must be positive, was 0 (flag --capacity)");
  }

  @Test
  void secretsNeverShow() {
    Config c = Config.loader(JOB).environment(Map.of("RADAR_ELASTICSEARCH_PASSWORD", "hunter2"))
        .load();

    assertThat(c.get(PASSWORD)).isEqualTo("hunter2");
    assertThat(String.join("\n", c.describe())).doesNotContain("hunter2").contains("***");
    assertThatThrownBy(() -> Config.loader(JOB)
        .flag("elasticsearch.password", " ", "--password").load().require(PASSWORD))
        .hasMessageContaining("RADAR_ELASTICSEARCH_PASSWORD");
  }

  @Test
  void optionsOutsideTheReadComponentsAreAProgrammingError() {
    Config c = Config.defaults(API);

    assertThatThrownBy(() -> c.get(WINDOW)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("window.size");
  }

  @Test
  void theProgramCanSetAValueAndShowSaysSo() {
    Config c = Config.defaults(JOB).with(SERVING, URI.create("http://127.0.0.1:8081"), "demo");

    assertThat(c.get(SERVING)).hasToString("http://127.0.0.1:8081");
    assertThat(c.describe()).anyMatch(l -> l.contains("serving.url") && l.contains("set by demo"));
  }

  @Test
  void theGeneratedPropertiesFileLoadsBackToTheDefaults() throws Exception {
    Path file = write(ConfigDocs.propertiesFile(JOB, "Settings of the job."));

    Config c = Config.loader(JOB).file(file).load();

    for (Option<?> o : JOB.options()) {
      assertThat((Object) c.get(o)).as(o.key()).isEqualTo(o.defaultValue());
    }
    assertThat(ConfigDocs.markdown(List.of(JOB)))
        .contains("| `window.size` | duration | `1h` | `RADAR_WINDOW_SIZE` | Length of a window. |");
  }

  @Test
  void durationsAndListsRoundTrip() {
    for (String text : List.of("7d", "1h", "10m", "30s", "500ms")) {
      assertThat(OptionTypes.formatDuration(OptionTypes.parseDuration(text))).isEqualTo(text);
    }
    assertThat(OptionTypes.parseDuration("PT90M")).isEqualTo(Duration.ofMinutes(90));
    assertThat(OptionTypes.LIST.parse(" a, b ,,c")).containsExactly("a", "b", "c");
  }

  @Test
  void keysAndEnvironmentNamesFollowOneRule() {
    assertThat(CAPACITY.envVar()).isEqualTo("RADAR_ENRICHMENT_CAPACITY");
    assertThatThrownBy(() -> Option.key("Window.Size")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> OptionGroup.of("x", "x", WINDOW, WINDOW))
        .hasMessageContaining("defined twice");
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("settings-" + System.nanoTime() + ".properties");
    Files.writeString(f, text);
    return f;
  }
}
