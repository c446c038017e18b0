package io.challengeradar.infra;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.contract.TemplateOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The servers {@link LocalPlatform#start} started; {@link #close()} stops them all. */
public final class RunningPlatform implements AutoCloseable {
  private final ElasticsearchLauncher elasticsearch;
  private final ElasticsearchConnection connection;
  private final KafkaLauncher kafka;
  private final List<TemplateOutcome> templates;

  RunningPlatform(
      ElasticsearchLauncher elasticsearch, ElasticsearchConnection connection, KafkaLauncher kafka,
      List<TemplateOutcome> templates) {
    this.elasticsearch = elasticsearch;
    this.connection = connection;
    this.kafka = kafka;
    this.templates = List.copyOf(templates);
  }

  public String elasticsearchUrl() {
    return elasticsearch.url();
  }

  /** Kafka's bootstrap address when a broker was started. */
  public Optional<String> kafkaBootstrap() {
    return Optional.ofNullable(kafka).map(KafkaLauncher::bootstrap);
  }

  /** A client for the platform's Elasticsearch; closed by {@link #close()}. */
  public ElasticsearchClient client() {
    return connection.client();
  }

  public ElasticsearchConnection connection() {
    return connection;
  }

  public ElasticsearchLauncher elasticsearch() {
    return elasticsearch;
  }

  public Optional<KafkaLauncher> kafka() {
    return Optional.ofNullable(kafka);
  }

  /** What the template installer did at start (empty when templates were not installed). */
  public List<TemplateOutcome> templates() {
    return templates;
  }

  /** What runs where: URLs, pids, folders; one line each. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    ElasticsearchLayout layout = elasticsearch.layout();
    lines.add("Elasticsearch  " + elasticsearchUrl() + "  pid " + elasticsearch.process().pid()
        + "  transport port " + elasticsearch.transportPort());
    lines.add("  data " + layout.data());
    lines.add("  logs " + layout.logs());
    layout.stagedBecause().ifPresent(blocked ->
        lines.add("  (staged outside the project: the service user cannot pass " + blocked + ")"));
    for (TemplateOutcome outcome : templates) {
      lines.add("  template " + outcome.describe());
    }
    if (kafka != null) {
      lines.add("Kafka          " + kafka.bootstrap() + "  pid " + kafka.process().pid()
          + "  controller port " + kafka.controllerPort());
      lines.add("  data " + kafka.options().dataDir());
      lines.add("  logs " + kafka.options().logsDir());
    }
    return lines;
  }

  /** Stops everything after a failed start, keeping the start's failure as the one reported. */
  void closeQuietly(RuntimeException cause) {
    Shutdown.afterFailedStart(this, cause);
  }

  /** Closes the client, then stops Kafka, then Elasticsearch. */
  @Override
  public void close() {
    Shutdown.inOrder(Arrays.asList(connection, kafka, elasticsearch),
        e -> new PlatformException("stopping the platform failed: " + e.getMessage(), e));
  }
}
