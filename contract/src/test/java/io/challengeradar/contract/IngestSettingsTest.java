package io.challengeradar.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static IndexTemplate videos() {
    return IndexTemplates.load().stream().filter(t -> t.name().equals(Index.VIDEOS.indexName()))
        .findFirst().orElseThrow();
  }

  @Test
  void laysTheRefreshIntervalAndReplicasOverATemplateAndKeepsTheRest() throws Exception {
    IndexTemplate shipped = videos();

    IndexTemplate ingest = new IngestSettings("30s", 1).applyTo(shipped);

    JsonNode settings = JSON.readTree(ingest.json()).path("template").path("settings");
    assertThat(settings.path("refresh_interval").asText()).isEqualTo("30s");
    assertThat(settings.path("number_of_replicas").asInt()).isEqualTo(1);
    assertThat(settings.path("number_of_shards").asInt()).isEqualTo(1);
    assertThat(ingest.version()).isEqualTo(shipped.version());
    assertThat(JSON.readTree(ingest.json()).path("template").path("mappings"))
        .isEqualTo(JSON.readTree(shipped.json()).path("template").path("mappings"));
  }

  @Test
  void settingsLeftUnsetKeepTheTemplatesOwn() throws Exception {
    IndexTemplate shipped = videos();

    assertThat(IngestSettings.SHIPPED.applyTo(shipped)).isSameAs(shipped);
    JsonNode settings = JSON.readTree(new IngestSettings("", 2).applyTo(shipped).json())
        .path("template").path("settings");
    assertThat(settings.has("refresh_interval")).isFalse();
    assertThat(settings.path("number_of_replicas").asInt()).isEqualTo(2);
  }

  @Test
  void refusesWhatElasticsearchWouldNotTakeAsARefreshInterval() {
    assertThat(new IngestSettings("-1", null).refreshInterval()).isEqualTo("-1");
    assertThatThrownBy(() -> new IngestSettings("soon", null))
        .hasMessageContaining("refreshInterval");
    assertThatThrownBy(() -> new IngestSettings(null, -1)).hasMessageContaining("replicas");
  }
}
