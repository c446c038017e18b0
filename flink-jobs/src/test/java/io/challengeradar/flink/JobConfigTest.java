package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.flink.enrich.EnrichmentOptions;
import io.challengeradar.flink.intel.IntelligenceOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
  @TempDir Path dir;

  @Test
  void aFileOverridesOnlyTheKeysItNames() throws Exception {
    Path file = write("window.size=PT15M\ncep.emerging.windows=3\n");

    JobConfig job = JobConfig.from(JobConfig.parseArgs(
        new String[] {"--config", file.toString(), "--files", "a.ndjson"}, Map.of()));

    assertThat(job.pipeline().windowSize()).isEqualTo(Duration.ofMinutes(15));
    assertThat(job.pipeline().cep().emergingWindows()).isEqualTo(3);
    assertThat(job.pipeline().allowedLateness())
        .isEqualTo(PipelineOptions.ALLOWED_LATENESS.defaultValue());
  }

  @Test
  void theServingUrlTurnsOnEnrichmentAndIntelligenceTogether() {
    Config c = JobConfig.parseArgs(new String[] {"--kafka", "k:9092"},
        Map.of("RADAR_SERVING_URL", "http://serving:8081"));

    JobConfig job = JobConfig.from(c);

    assertThat(job.pipeline().enrichment().servingUrl()).isEqualTo(URI.create("http://serving:8081"));
    assertThat(job.intelligence()).isNotNull();
    assertThat(job.intelligence().servingUrl()).isEqualTo(URI.create("http://serving:8081"));
    assertThat(JobConfig.from(c.with(IntelligenceOptions.ENABLED, false, "test")).intelligence())
        .isNull();
    assertThat(JobConfig.from(JobConfig.parseArgs(new String[] {"--kafka", "k:9092"}, Map.of()))
        .intelligence()).as("no serving tier, no intelligence").isNull();
  }

  @Test
  void flagsOverrideTheEnvironmentWhichOverridesTheFile() throws Exception {
    Path file = write("elasticsearch.hosts=http://file:9200\nenrichment.batch.size=4\n"
        + "source.kafka.group-id=from-file\n");

    Config c = JobConfig.parseArgs(new String[] {"--config", file.toString(),
        "--es", "http://flag:9200", "--kafka", "k:9092", "--set", "enrichment.batch.size=8"},
        Map.of("RADAR_ELASTICSEARCH_HOSTS", "http://env:9200", "RADAR_SOURCE_KAFKA_GROUP_ID",
            "from-env"));
    JobConfig job = JobConfig.from(c);

    assertThat(job.sink().hosts()).containsExactly("http://flag:9200");
    assertThat(job.source().groupId()).isEqualTo("from-env");
    assertThat(job.pipeline().enrichment().batchSize()).isEqualTo(8);
    assertThat(c.origin(EnrichmentOptions.BATCH_SIZE).toString())
        .isEqualTo("flag --set enrichment.batch.size");
  }

  @Test
  void setWinsOverAShortFlagWhereverItStandsAsInEveryCommand() {
    Config c = JobConfig.parseArgs(new String[] {"--set", "job.parallelism=4",
        "--parallelism", "2", "--files", "a"}, Map.of());

    assertThat(c.get(JobConfig.PARALLELISM)).isEqualTo(4);
    assertThat(c.origin(JobConfig.PARALLELISM).toString()).isEqualTo("flag --set job.parallelism");
  }

  @Test
  void refusesUnknownKeysNamingKeyAndFile() throws Exception {
    Path file = write("window.sise=1h\n");

    assertThatThrownBy(() -> JobConfig.parseArgs(new String[] {"--config", file.toString()},
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("window.sise").hasMessageContaining(file.toString())
        .hasMessageContaining("did you mean window.size?");
  }

  @Test
  void theOldIntelligenceKeysAreRefusedNotIgnored() throws Exception {
    // serving.url used to be the intelligence's own key, overwritten by every entry point; now
    // it is the one serving URL, and the intelligence's other keys carry its prefix.
    Path file = write("user.videos=4\n");

    assertThatThrownBy(() -> JobConfig.parseArgs(new String[] {"--config", file.toString()},
        Map.of()))
        .hasMessageContaining("user.videos").hasMessageContaining("intelligence.user.videos");
  }

  @Test
  void namesTheKeyAndOriginOfABadValue() {
    assertThatThrownBy(() -> JobConfig.parseArgs(new String[] {"--files", "a"},
        Map.of("RADAR_LATENESS_ALLOWED", "ten minutes")))
        .hasMessageContaining("lateness.allowed").hasMessageContaining("ten minutes")
        .hasMessageContaining("RADAR_LATENESS_ALLOWED");
    assertThatThrownBy(() -> ItPipelines.config("cep.peaked.min-drop", "1.5"))
        .hasMessageContaining("cep.peaked.min-drop must be between 0 and 1");
    assertThatThrownBy(() -> ItPipelines.options("enrichment.batch.size", "128"))
        .hasMessageContaining("enrichment.batch.size must be at most enrichment.capacity");
  }

  @Test
  void needsExactlyOneSource() {
    assertThatThrownBy(() -> JobConfig.from(JobConfig.parseArgs(new String[0], Map.of())))
        .hasMessageContaining("source.kafka.bootstrap-servers")
        .hasMessageContaining("source.files");
    assertThatThrownBy(() -> JobConfig.from(JobConfig.parseArgs(
        new String[] {"--kafka", "k:9092", "--files", "a"}, Map.of())))
        .hasMessageContaining("exactly one");
  }

  @Test
  void harmfulDescriptionsAreOneSettingOfEntries() {
    Config c = ItPipelines.config(CommonOptions.SERVING_URL.key(), "http://s:8081",
        IntelligenceOptions.HARMFUL.key(), "Milk Crate: climbing crates; Tide Pod: eating pods");

    assertThat(JobConfig.from(c.with(JobConfig.FILES, List.of("a"), "test")).intelligence()
        .harmful()).extracting(h -> h.name()).containsExactly("Milk Crate", "Tide Pod");
    assertThatThrownBy(() -> ItPipelines.config(IntelligenceOptions.HARMFUL.key(), "no colon"))
        .hasMessageContaining("intelligence.risk.harmful");
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("job-" + System.nanoTime() + ".properties");
    Files.writeString(f, text);
    return f;
  }
}
