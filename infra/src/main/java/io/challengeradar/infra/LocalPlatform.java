package io.challengeradar.infra;

import io.challengeradar.contract.IngestSettings;
import io.challengeradar.contract.TemplateException;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.contract.TemplateOutcome;
import java.io.PrintStream;
import java.util.List;

/**
 * The local platform in one call: a real Elasticsearch (with the index templates installed) and,
 * when asked, a real Kafka broker, as child processes. Used by {@code radar up} and {@code radar
 * demo}.
 */
public final class LocalPlatform {
  private LocalPlatform() {}

  /** {@link #start(PlatformOptions, PrintStream)} with notices on stderr. */
  public static RunningPlatform start(PlatformOptions options) {
    return start(options, System.err);
  }

  /**
   * Starts what {@code options} asks for and returns once every server answers. On any failure,
   * what was already started is stopped again before the exception leaves.
   *
   * @param notices where to say what is done on the way (user created, folders staged, storage
   *     formatted); the CLI passes stderr
   */
  public static RunningPlatform start(PlatformOptions options, PrintStream notices) {
    ElasticsearchLauncher elasticsearch =
        new ElasticsearchLauncher(options.elasticsearch(), notices);
    ElasticsearchConnection connection = null;
    KafkaLauncher kafka = null;
    try {
      elasticsearch.start();
      connection = ElasticsearchClients.create(elasticsearch.access());
      List<TemplateOutcome> templates = options.installTemplates()
          ? installTemplates(connection, options.ingest())
          : List.of();
      if (options.kafka().isPresent()) {
        kafka = new KafkaLauncher(options.kafka().get(), notices);
        kafka.start();
      }
      return new RunningPlatform(elasticsearch, connection, kafka, templates);
    } catch (RuntimeException e) {
      new RunningPlatform(elasticsearch, connection, kafka, List.of()).closeQuietly(e);
      throw e;
    }
  }

  /** The contract's templates; a failure is the platform's, as the CLI reports those. */
  private static List<TemplateOutcome> installTemplates(ElasticsearchConnection connection,
      IngestSettings ingest) {
    try {
      return new TemplateInstaller(connection.client()).installAll(ingest);
    } catch (TemplateException e) {
      throw new PlatformException(e.getMessage(), e);
    }
  }
}
