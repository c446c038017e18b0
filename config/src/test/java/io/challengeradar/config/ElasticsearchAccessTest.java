package io.challengeradar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchAccessTest {
  @TempDir Path dir;

  private static Config.Loader loader() {
    return Config.loader(CommonOptions.ELASTICSEARCH);
  }

  @Test
  void credentialsComeFromTheFileOrTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("es.properties"),
        "elasticsearch.hosts=https://es-1:9200,https://es-2:9200\n"
            + "elasticsearch.username=radar\nelasticsearch.ca-file=/etc/radar/ca.crt\n");
    ElasticsearchAccess a = ElasticsearchAccess.from(loader().file(file)
        .environment(Map.of("RADAR_ELASTICSEARCH_PASSWORD", "s3cret")).load());

    assertThat(a.hosts()).containsExactly("https://es-1:9200", "https://es-2:9200");
    assertThat(a.username()).isEqualTo("radar");
    assertThat(a.password()).isEqualTo("s3cret");
    assertThat(a.caFile()).isEqualTo("/etc/radar/ca.crt");
    assertThat(a.toString()).doesNotContain("s3cret").contains("basic auth as radar");
  }

  @Test
  void aSecretIsRefusedOnTheCommandLineAndNotEchoed() {
    assertThatThrownBy(() -> loader().flag("elasticsearch.password", "s3cret",
        "--set elasticsearch.password").load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RADAR_ELASTICSEARCH_PASSWORD")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> loader().flag("elasticsearch.api-key", "k3y", "--set").load())
        .hasMessageContaining("RADAR_ELASTICSEARCH_API_KEY");
  }

  @Test
  void credentialsInAUrlAreRefusedWithoutPrintingThem() {
    assertThatThrownBy(() -> loader().environment(Map.of("RADAR_ELASTICSEARCH_HOSTS",
        "https://elastic:hunter2@es:9200")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("elasticsearch.username")
        .hasMessageContaining("***@es:9200")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesHalfOrDoubleCredentialsAndTwoWaysToTrust() {
    List<String> hosts = List.of("https://es:9200");
    assertThatThrownBy(() -> new ElasticsearchAccess(hosts, "radar", null, null, null, null))
        .hasMessageContaining("elasticsearch.password");
    assertThatThrownBy(() -> new ElasticsearchAccess(hosts, "radar", "p", "key", null, null))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new ElasticsearchAccess(hosts, null, null, null, "/ca.crt",
        "ab".repeat(32))).hasMessageContaining("not both");
    assertThatThrownBy(() -> new ElasticsearchAccess(hosts, null, null, null, null, "abc"))
        .hasMessageContaining("64 hex digits");
    assertThat(new ElasticsearchAccess(hosts, null, null, "key", null,
        "AB:CD:" + "ef".repeat(30)).authentication()).isEqualTo("an API key");
  }
}
