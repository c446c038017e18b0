package io.challengeradar.infra.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.infra.RunningPlatform;
import io.challengeradar.contract.TemplateOutcome;
import java.util.List;

/**
 * The Elasticsearch that {@link SharedElasticsearch} started for this test JVM. Tests share it:
 * use index names of their own and do not stop it.
 */
public final class ElasticsearchTestServer {
  private final RunningPlatform platform;

  ElasticsearchTestServer(RunningPlatform platform) {
    this.platform = platform;
  }

  public String url() {
    return platform.elasticsearchUrl();
  }

  public ElasticsearchClient client() {
    return platform.client();
  }

  /** What the template installer did when the server was started. */
  public List<TemplateOutcome> templates() {
    return platform.templates();
  }

  public long pid() {
    return platform.elasticsearch().process().pid();
  }
}
