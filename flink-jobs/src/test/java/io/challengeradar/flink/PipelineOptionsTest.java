package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineOptionsTest {

  @Test
  void theResourceSaysWhatTheDefaultsAre() {
    assertThat(PipelineOptions.load(null)).isEqualTo(PipelineOptions.defaults());
  }

  @Test
  void aFileOverridesOnlyTheKeysItNames(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pipeline.properties");
    Files.writeString(file, "window.size=PT15M\ncep.emerging.windows=2\n");

    PipelineOptions options = PipelineOptions.load(file);

    assertThat(options.windowSize()).isEqualTo(Duration.ofMinutes(15));
    assertThat(options.cep().emergingWindows()).isEqualTo(2);
    assertThat(options.allowedLateness()).isEqualTo(PipelineOptions.DEFAULT_ALLOWED_LATENESS);
  }

  @Test
  void refusesUnknownKeysByName() {
    Properties p = new Properties();
    p.setProperty("window.sise", "1h");

    assertThatThrownBy(() -> PipelineOptions.fromProperties(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window.sise");
  }

  @Test
  void namesTheKeyOfAValueThatIsNotADuration() {
    Properties p = new Properties();
    p.setProperty(PipelineOptions.Keys.ALLOWED_LATENESS, "ten minutes");

    assertThatThrownBy(() -> PipelineOptions.fromProperties(p))
        .hasMessageContaining("lateness.allowed").hasMessageContaining("ten minutes");
  }

  @Test
  void refusesThresholdsThatCannotWork() {
    Properties p = new Properties();
    p.setProperty(PipelineOptions.Keys.PEAKED_MIN_DROP, "1.5");

    assertThatThrownBy(() -> PipelineOptions.fromProperties(p))
        .hasMessageContaining("peakedMinDrop");
  }

  @Test
  void readsShortAndIsoDurations() {
    assertThat(PipelineOptions.parseDuration("k", "PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(PipelineOptions.parseDuration("k", "10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(PipelineOptions.parseDuration("k", "7d")).isEqualTo(Duration.ofDays(7));
    assertThat(PipelineOptions.parseDuration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
  }
}
