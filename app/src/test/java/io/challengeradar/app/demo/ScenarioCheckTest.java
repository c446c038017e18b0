package io.challengeradar.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.app.demo.AlertReport.ScenarioCheck;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.Scenario;
import io.challengeradar.core.generator.StreamGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioCheckTest {
  private final Scenario scenario =
      new StreamGenerator(GeneratorOptions.of(7, 2_000)).scenario();

  @Test
  void splitsAlertedTagsIntoFoundChallengesMissedChallengesAndFalseAlarms() {
    String found = scenario.challenges().get(0).tag();
    String ordinary = scenario.ordinaryTags().get(0);
    List<String> alerted = new ArrayList<>(List.of(found, ordinary, "not-in-the-scenario"));

    ScenarioCheck check = ScenarioCheck.of(scenario, alerted);

    assertThat(check.challengesAlerted()).containsExactly(found);
    assertThat(check.challengesMissed()).hasSize(scenario.challenges().size() - 1)
        .doesNotContain(found);
    assertThat(check.ordinaryAlerted()).containsExactly(ordinary);
    assertThat(check.perfect()).isFalse();
  }

  @Test
  void isPerfectWhenEveryChallengeAndNoOrdinaryTagIsAlerted() {
    List<String> all = scenario.challenges().stream().map(Scenario.Challenge::tag).toList();

    assertThat(ScenarioCheck.of(scenario, all).perfect()).isTrue();
  }
}
