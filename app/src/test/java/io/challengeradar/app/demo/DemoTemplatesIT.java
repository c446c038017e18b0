package io.challengeradar.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.IndexTemplate;
import io.challengeradar.contract.IndexTemplates;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.contract.TemplateOutcome;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A demo over an Elasticsearch where a newer build left its templates: without the demo putting
 * its own back, the emptied indices would be re-created with the newer mapping and every
 * document of a field that mapping lacks would be refused.
 */
@ExtendWith(SharedElasticsearch.class)
class DemoTemplatesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void templatesOfANewerBuildAreReplacedByThisBuildsAndSaidSo(ElasticsearchTestServer es)
      throws Exception {
    ElasticsearchClient client = es.client();
    IndexTemplate shipped = IndexTemplates.load().stream()
        .filter(t -> t.name().equals("radar-sound-windows")).findFirst().orElseThrow();
    ObjectNode newer = (ObjectNode) JSON.readTree(shipped.json());
    newer.put("version", shipped.version() + 100);
    ((ObjectNode) newer.path("template").path("mappings").path("properties")).remove("score");
    client.indices().putIndexTemplate(r -> r.name(shipped.name())
        .withJson(new StringReader(newer.toString())));
    List<TemplateOutcome> outcomes = new TemplateInstaller(client).installAll();
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    List<String> replaced = DemoRun.replaceNewerTemplates(client, outcomes,
        new PrintStream(console, true, StandardCharsets.UTF_8));

    assertThat(replaced).containsExactly(shipped.name());
    assertThat(new TemplateInstaller(client).installedVersions())
        .containsEntry(shipped.name(), shipped.version());
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("radar-sound-windows v" + (shipped.version() + 100) + " kept")
        .contains("this build's are put back");
    // The index created from it now takes a document with the field the newer mapping lacked.
    client.indices().delete(d -> d.index(Index.SOUND_WINDOWS.indexName()).ignoreUnavailable(true));
    assertThat(client.indices().create(c -> c.index(Index.SOUND_WINDOWS.indexName()))
        .acknowledged()).isTrue();
    assertThat(client.indices().getMapping(m -> m.index(Index.SOUND_WINDOWS.indexName()))
        .result().get(Index.SOUND_WINDOWS.indexName()).mappings().properties())
        .containsKey("score");
    client.indices().delete(d -> d.index(Index.SOUND_WINDOWS.indexName()));
  }

  @Test
  void nothingIsTouchedWhenNoTemplateIsNewer(ElasticsearchTestServer es) throws Exception {
    List<TemplateOutcome> outcomes = new TemplateInstaller(es.client()).installAll();
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    assertThat(DemoRun.replaceNewerTemplates(es.client(), outcomes,
        new PrintStream(console, true, StandardCharsets.UTF_8))).isEmpty();
    assertThat(console.size()).isZero();
  }
}
