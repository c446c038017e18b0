package io.challengeradar.app;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.client.ElasticsearchAccessException;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import io.challengeradar.flink.enrich.EnrichmentOptions;
import io.challengeradar.flink.enrich.Reenricher;
import io.challengeradar.core.util.Progress;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar reenrich}: enriches the videos the pipeline left pending in a time range. */
@Command(
    name = "reenrich",
    mixinStandardHelpOptions = true,
    description = "Enrich the radar-videos documents still marked pendingEnrichment=true whose"
        + " createdAt is in [--from, --to), in batches through the serving tier, each post with"
        + " its author's history from their earlier videos in the index, as the job sends it."
        + " Exits 1 when any remain pending.")
public final class ReenrichCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "T",
      description = "Start of the range (ISO-8601 instant, inclusive).")
  Instant from;

  @Option(names = "--to", required = true, paramLabel = "T",
      description = "End of the range (ISO-8601 instant, exclusive).")
  Instant to;

  @Option(names = "--es", paramLabel = "URL[,URL]",
      description = "Elasticsearch (elasticsearch.hosts; default http://localhost:9200).")
  String es;

  @Option(names = "--serving", paramLabel = "URL",
      description = "The serving tier (serving.url; default: " + LOCAL_SERVING + ").")
  String serving;

  @picocli.CommandLine.Mixin SettingsFlags settings = new SettingsFlags();

  /** Where {@code radar serve} listens by default: re-enrichment needs a serving tier. */
  static final String LOCAL_SERVING = "http://127.0.0.1:8081";

  /** The job's Elasticsearch and serving tier, as the job would read them. */
  Config config() {
    Config c = settings.load(settings.loader("job")
        .flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), es, "--es")
        .flag(CommonOptions.SERVING_URL.key(), serving, "--serving"));
    return c.get(CommonOptions.SERVING_URL) != null ? c
        : c.with(CommonOptions.SERVING_URL, URI.create(LOCAL_SERVING), "radar reenrich");
  }

  @Option(names = "--batch", defaultValue = "" + Reenricher.DEFAULT_BATCH, paramLabel = "N",
      description = "Posts per serving call (default: ${DEFAULT-VALUE}).")
  int batch;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config config = config();
    ElasticsearchAccess access = ElasticsearchAccess.from(config);
    try (ElasticsearchConnection connection = ElasticsearchClients.create(access);
        ServingClient client = new ServingClient(ClientOptions.of(
            config.get(CommonOptions.SERVING_URL))
            .withToken(config.get(CommonOptions.SERVING_TOKEN)));
        Progress progress = Progress.onStderr("reenrich", -1, "videos")) {
      ElasticsearchClientFactory.checkAccess(connection.restClient(), access);
      Reenricher.Summary s;
      try {
        s = new Reenricher(connection.client(), client, batch,
            config.get(EnrichmentOptions.AUTHOR_HISTORY_MAX_VIDEOS)).run(from, to, progress);
      } catch (IOException | RuntimeException e) {
        throw ElasticsearchAccessException.find(e, access).<Exception>map(x -> x).orElse(e);
      }
      out.printf("reenrich %s .. %s: found %d pending, enriched %d, raced with the job %d,"
              + " failed %d, still pending %d%n",
          from, to, s.found(), s.enriched(), s.raced(), s.failed(), s.stillPending());
      return s.stillPending() > 0 ? 1 : 0;
    } catch (IllegalArgumentException | ElasticsearchAccessException e) {
      spec.commandLine().getErr().println("radar reenrich: " + e.getMessage());
      return 2;
    }
  }
}
