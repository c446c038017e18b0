package io.challengeradar.flink.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.contract.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelligenceOptionsTest {

  @Test
  void theShippedFileHoldsTheDefaults() {
    assertThat(IntelligenceOptions.load(null)).isEqualTo(IntelligenceOptions.defaults());
  }

  @Test
  void aFileOverridesKeyByKeyAndCanAddOrDropHarmfulDescriptions(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("intel.properties");
    Files.writeString(file, String.join("\n",
        "participation.top-n=5",
        "participation.stages=accelerating",
        "risk.harmful.02=",
        "risk.harmful.99=Fire: setting oneself alight on camera"));

    IntelligenceOptions o = IntelligenceOptions.load(file);

    assertThat(o.topN()).isEqualTo(5);
    assertThat(o.scoreStages()).containsExactly(Stage.ACCELERATING);
    assertThat(o.harmful()).extracting(HarmfulChallenge::name)
        .doesNotContain("Milk Crate").contains("Blue Whale").last().isEqualTo("Fire");
    assertThat(o.userVideos()).isEqualTo(IntelligenceOptions.DEFAULT_USER_VIDEOS);
  }

  @Test
  void refusesUnknownKeysAndBadValuesNamingTheKey() {
    assertThatThrownBy(() -> IntelligenceOptions.fromProperties(props("user.video", "8")))
        .hasMessageContaining("unknown intelligence option(s) [user.video]");
    assertThatThrownBy(() -> IntelligenceOptions.fromProperties(
        props("participation.stages", "EMERGING,GONE")))
        .hasMessageContaining("participation.stages").hasMessageContaining("'GONE'");
    assertThatThrownBy(() -> IntelligenceOptions.fromProperties(props("participation.top-n", "0")))
        .hasMessageContaining("participation.top-n must be positive");
    assertThatThrownBy(() -> IntelligenceOptions.fromProperties(
        props("risk.harmful.x", "no colon here")))
        .hasMessageContaining("risk.harmful.x").hasMessageContaining("Name: description");
    assertThatThrownBy(() -> IntelligenceOptions.fromProperties(
        props("participation.min-videos", "9")))
        .hasMessageContaining("participation.min-videos must be at most user.videos");
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }
}
