package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.IndexTemplate;
import io.challengeradar.contract.IndexTemplates;
import io.challengeradar.contract.IngestSettings;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.contract.TemplateOutcome;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedElasticsearch.class)
class SharedElasticsearchIT {
  private static final String VIDEOS = "radar-videos-it";
  private static final String DEAD_LETTER = "radar-deadletter-it";
  private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30Z");

  private final ElasticsearchClient client;
  private final ElasticsearchTestServer server;

  SharedElasticsearchIT(ElasticsearchTestServer server) {
    this.server = server;
    this.client = server.client();
  }

  @BeforeEach
  void dropTestIndices() throws IOException {
    client.indices().delete(d -> d.index(VIDEOS, DEAD_LETTER).ignoreUnavailable(true));
  }

  @Test
  void clusterIsYellowOrGreen() throws IOException {
    HealthStatus status = client.cluster().health().status();

    assertThat(status).isIn(HealthStatus.Green, HealthStatus.Yellow);
  }

  @Test
  void installsEveryShippedTemplateWithItsVersion() {
    Map<String, Long> installed = new TemplateInstaller(client).installedVersions();

    for (IndexTemplate template : IndexTemplates.load()) {
      assertThat(installed).containsEntry(template.name(), template.version());
    }
    assertThat(server.templates()).extracting(TemplateOutcome::name)
        .contains(Index.VIDEOS.indexName(), Index.ENGAGEMENT.indexName(),
            Index.DEADLETTER.indexName());
  }

  @Test
  void reinstallingSendsNothingForUnchangedVersions() {
    List<TemplateOutcome> again = new TemplateInstaller(client).installAll();

    assertThat(again).extracting(TemplateOutcome::action)
        .containsOnly(TemplateOutcome.Action.UNCHANGED);
  }

  @Test
  void upgradesAnOlderVersionAndKeepsANewerOne() throws IOException {
    IndexTemplate v1 = template("radar-upgrade-it", 1);
    IndexTemplate v2 = template("radar-upgrade-it", 2);
    TemplateInstaller installer = new TemplateInstaller(client);
    // The shared server's data outlives test runs: start from no such template.
    if (installer.installedVersions().containsKey(v1.name())) {
      client.indices().deleteIndexTemplate(d -> d.name(v1.name()));
    }

    installer.install(List.of(v1));
    List<TemplateOutcome> upgraded = installer.install(List.of(v2));
    List<TemplateOutcome> older = installer.install(List.of(v1));

    assertThat(upgraded.get(0).action()).isEqualTo(TemplateOutcome.Action.UPGRADED);
    assertThat(upgraded.get(0).installedVersion()).isEqualTo(1L);
    assertThat(older.get(0).action()).isEqualTo(TemplateOutcome.Action.KEPT_NEWER);
  }

  @Test
  void ingestSettingsReachTheIndicesCreatedAfterTheTemplateIsPutAgain() throws IOException {
    IndexTemplate shipped = template("radar-ingest-it", 1);
    TemplateInstaller installer = new TemplateInstaller(client);
    client.indices().delete(d -> d.index("radar-ingest-it").ignoreUnavailable(true));
    installer.install(List.of(shipped));

    List<TemplateOutcome> again = installer.install(
        List.of(new IngestSettings("30s", 0).applyTo(shipped)), true);
    client.indices().create(c -> c.index("radar-ingest-it"));

    assertThat(again.get(0).action()).isEqualTo(TemplateOutcome.Action.UPGRADED);
    var settings = client.indices().getSettings(g -> g.index("radar-ingest-it"))
        .get("radar-ingest-it").settings().index();
    assertThat(settings.refreshInterval().time()).isEqualTo("30s");
    assertThat(settings.numberOfReplicas()).isEqualTo("0");
    client.indices().delete(d -> d.index("radar-ingest-it"));
  }

  @Test
  void indexesAVideoAndFindsItByHashtag() throws IOException {
    client.index(i -> i.index(VIDEOS).id("v1").document(video("v1")).refresh(Refresh.True));

    SearchResponse<ObjectNode> found = client.search(
        s -> s.index(VIDEOS).query(q -> q.term(t -> t.field("hashtags").value("dancechallenge"))),
        ObjectNode.class);

    assertThat(found.hits().hits()).hasSize(1);
    assertThat(found.hits().hits().get(0).id()).isEqualTo("v1");
    assertThat(found.hits().hits().get(0).source().path("createdAt").asText())
        .isEqualTo(CREATED.toString());
  }

  @Test
  void strictMappingRefusesAMalformedVideo() {
    Map<String, Object> malformed = video("v2");
    malformed.put("colour", "red");

    assertThatThrownBy(() -> client.index(i -> i.index(VIDEOS).id("v2").document(malformed)))
        .isInstanceOf(ElasticsearchException.class)
        .hasMessageContaining("strict_dynamic_mapping_exception");
  }

  @Test
  void deadLetterAcceptsAnyPayloadAndKeepsItRaw() throws IOException {
    Map<String, Object> letter = new LinkedHashMap<>();
    letter.put("raw", "{\"type\":\"post\",\"videoId\":");
    letter.put("reason", "unexpected end of input");
    letter.put("field", "line");
    letter.put("stage", "decode");
    letter.put("source", Map.of("file", "posts.ndjson", "line", 7));
    letter.put("at", CREATED);
    letter.put("extra", "not mapped, kept in _source");

    client.index(i -> i.index(DEAD_LETTER).document(letter).refresh(Refresh.True));

    assertThat(client.count(c -> c.index(DEAD_LETTER)).count()).isEqualTo(1);
  }

  private static Map<String, Object> video(String id) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("videoId", id);
    doc.put("authorId", "a1");
    doc.put("createdAt", CREATED);
    doc.put("caption", "trying the #DanceChallenge");
    doc.put("hashtags", List.of("dancechallenge"));
    doc.put("musicId", "m1");
    doc.put("durationSec", 15);
    doc.put("views", 1200L);
    doc.put("likes", 80L);
    doc.put("observedAt", CREATED.plusSeconds(3600));
    return doc;
  }

  private static IndexTemplate template(String name, long version) {
    String json = "{\"version\":" + version + ",\"index_patterns\":[\"" + name + "*\"],"
        + "\"priority\":1,\"template\":{\"settings\":{\"number_of_replicas\":0}}}";
    return new IndexTemplate(name, version, json, "test");
  }
}
