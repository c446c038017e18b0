package io.challengeradar.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped properties files and docs/configuration.md are what the option definitions write:
 * a setting added, renamed or given a new default fails here until the docs are regenerated.
 */
class ShippedConfigTest {
  static final Path DOCS = Path.of("..", "docs");

  @Test
  void docsConfigurationIsGeneratedFromTheDefinitions() throws Exception {
    assertThat(Files.readString(DOCS.resolve("configuration.md")))
        .as("docs/configuration.md is stale: run ./radar config docs > docs/configuration.md")
        .isEqualTo(Components.markdown());
  }

  @Test
  void eachComponentsShippedFileIsGeneratedAndLoadsBackToTheDefaults() throws Exception {
    for (String component : Components.names()) {
      Path file = DOCS.resolve("config").resolve(component + ".properties");
      assertThat(Files.readString(file))
          .as(file + " is stale: run ./radar config defaults --component " + component + " > "
              + "docs/config/" + component + ".properties")
          .isEqualTo(Components.propertiesFile(component));
      Config loaded = Config.loader(Components.groups(component).toArray(OptionGroup[]::new))
          .file(file).load();
      for (OptionGroup g : Components.groups(component)) {
        for (Option<?> o : g.options()) {
          assertThat((Object) loaded.get(o)).as(component + " " + o.key())
              .isEqualTo(o.defaultValue());
        }
      }
    }
  }

  @Test
  void everyKeyHasOneEnvironmentVariableAcrossAllComponents() {
    Map<String, Option<?>> byEnv = new HashMap<>();
    for (OptionGroup g : Components.allGroups()) {
      for (Option<?> o : g.options()) {
        Option<?> before = byEnv.putIfAbsent(o.envVar(), o);
        assertThat(before == null || before == o).as(o.envVar() + " is the variable of "
            + o.key() + " and of " + (before == null ? "" : before.key())).isTrue();
      }
    }
  }

  @Test
  void aComponentsFileRefusesAnotherComponentsKeys() throws Exception {
    int checked = 0;
    for (String component : Components.names()) {
      for (OptionGroup other : Components.others(component)) {
        Option<?> foreign = other.options().stream()
            .filter(o -> Components.groups(component).stream()
                .noneMatch(g -> g.options().contains(o)))
            .findFirst().orElse(null);
        if (foreign == null) {
          continue;
        }
        Path file = Files.createTempFile("component", ".properties");
        Files.writeString(file, foreign.key() + "=" + defaultText(foreign) + "\n");
        assertThatThrownBy(() -> Config.loader(Components.groups(component)
            .toArray(OptionGroup[]::new)).knownElsewhere(Components.others(component))
            .file(file).load())
            .hasMessageContaining(foreign.key()).hasMessageContaining("has no effect here");
        checked++;
      }
    }
    assertThat(checked).as("components with keys of their own").isGreaterThan(1);
  }

  private static <T> String defaultText(Option<T> o) {
    return o.type().format(o.defaultValue());
  }
}
