package io.challengeradar.flink.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.ItPipelines;
import org.junit.jupiter.api.Test;

class IntelligenceOptionsTest {
  static final String SERVING = "http://serving:8081";

  @Test
  void keysOverrideOneByOneAndTheHarmfulListIsReplacedWhole() {
    IntelligenceOptions o = IntelligenceOptions.from(ItPipelines.config("serving.url", SERVING,
        "intelligence.participation.top-n", "5",
        "intelligence.participation.stages", "accelerating",
        "intelligence.risk.harmful", "Blue Whale: self-harm tasks; Fire: setting oneself alight"));

    assertThat(o.topN()).isEqualTo(5);
    assertThat(o.scoreStages()).containsExactly(Stage.ACCELERATING);
    assertThat(o.harmful()).extracting(HarmfulChallenge::name).containsExactly("Blue Whale", "Fire");
    assertThat(o.userVideos()).isEqualTo(IntelligenceOptions.USER_VIDEOS.defaultValue());
  }

  @Test
  void theDefaultsNameEveryKnownHarmfulChallenge() {
    assertThat(IntelligenceOptions.defaults(java.net.URI.create(SERVING)).harmful())
        .extracting(HarmfulChallenge::name).contains("Blue Whale", "Milk Crate", "Bird Box",
            "Tide Pod");
  }

  @Test
  void refusesBadValuesNamingTheKey() {
    assertThatThrownBy(() -> ItPipelines.config("intelligence.participation.stages",
        "EMERGING,GONE"))
        .hasMessageContaining("intelligence.participation.stages").hasMessageContaining("'GONE'");
    assertThatThrownBy(() -> ItPipelines.config("intelligence.participation.top-n", "0"))
        .hasMessageContaining("intelligence.participation.top-n must be positive");
    assertThatThrownBy(() -> ItPipelines.config("intelligence.risk.harmful", "no colon here"))
        .hasMessageContaining("intelligence.risk.harmful")
        .hasMessageContaining("Name: description");
    assertThatThrownBy(() -> IntelligenceOptions.from(ItPipelines.config("serving.url", SERVING,
        "intelligence.participation.min-videos", "9")))
        .hasMessageContaining(
            "intelligence.participation.min-videos must be at most intelligence.user.videos");
  }

  @Test
  void needsTheServingTier() {
    assertThatThrownBy(() -> IntelligenceOptions.from(ItPipelines.config()))
        .hasMessageContaining("serving.url must be set");
    assertThat(IntelligenceOptions.fromOrNull(ItPipelines.config())).isNull();
  }
}
