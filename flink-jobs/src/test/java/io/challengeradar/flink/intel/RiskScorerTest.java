package io.challengeradar.flink.intel;

import static io.challengeradar.flink.intel.Vectors384.axis;
import static io.challengeradar.flink.intel.Vectors384.mix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RiskScorerTest {
  private static final List<HarmfulChallenge> HARMFUL = List.of(
      new HarmfulChallenge("Blue Whale", "self-harm tasks"),
      new HarmfulChallenge("Milk Crate", "climbing stacked milk crates"),
      new HarmfulChallenge("Bird Box", "everyday tasks blindfolded"));

  @Test
  void riskIsTheHighestCosineOverAllDescriptionsNotTheFirstOrLast() {
    RiskScorer scorer = new RiskScorer(HARMFUL, List.of(axis(0), axis(1), axis(2)));

    float[] representation = new float[Vectors384.DIM];
    representation[0] = 1;
    representation[1] = 3;
    representation[2] = 2;

    RiskScorer.Risk r = scorer.assess(representation);

    assertThat(r.nearest()).isEqualTo("Milk Crate");
    assertThat(r.score()).isCloseTo(3 / Math.sqrt(14), within(1e-6));
  }

  @Test
  void anOppositeRepresentationScoresBelowZero() {
    RiskScorer scorer = new RiskScorer(HARMFUL.subList(0, 1), List.of(axis(0)));

    assertThat(scorer.assess(mix(0, -1f, 1, 0f)).score()).isCloseTo(-1, within(1e-6));
  }

  @Test
  void withoutDescriptionsThereIsNoRisk() {
    assertThat(new RiskScorer(List.of(), List.of()).assess(axis(0))).isNull();
  }

  @Test
  void refusesVectorsThatDoNotMatchTheDescriptions() {
    assertThatThrownBy(() -> new RiskScorer(HARMFUL, List.of(axis(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 for 3");
  }
}
