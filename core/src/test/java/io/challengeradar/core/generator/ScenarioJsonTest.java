package io.challengeradar.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ScenarioJsonTest {

  private static final Scenario SCENARIO =
      new StreamGenerator(GeneratorOptions.of(5, 1_000)).scenario();

  private static String json(Scenario s) throws IOException {
    StringWriter out = new StringWriter();
    ScenarioJson.write(s, out);
    return out.toString();
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    assertThat(ScenarioJson.read(new StringReader(json(SCENARIO)))).isEqualTo(SCENARIO);
  }

  @Test
  void sameScenarioGivesTheSameText() throws IOException {
    String text = json(SCENARIO);
    assertThat(json(new StreamGenerator(GeneratorOptions.of(5, 1_000)).scenario()))
        .isEqualTo(text);
    assertThat(text).doesNotContain("\r").endsWith("}\n");
  }

  @Test
  void refusesScenarioWithAMalformedFieldNamingIt() throws IOException {
    String broken = json(SCENARIO).replaceFirst("\"peak\" : \"[^\"]+\"", "\"peak\" : \"soon\"");
    assertThatThrownBy(() -> ScenarioJson.read(new StringReader(broken)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("challenges[0].peak:");
  }
}
