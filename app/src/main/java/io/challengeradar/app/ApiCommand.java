package io.challengeradar.app;

import io.challengeradar.api.ApiOptions;
import io.challengeradar.api.ApiSettings;
import io.challengeradar.api.LocalElasticsearch;
import io.challengeradar.api.QueryApi;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.http.AccessLog;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.contract.client.ElasticsearchAccessException;
import io.challengeradar.config.Config;
import io.challengeradar.config.Origin;
import io.challengeradar.infra.RadarHome;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code radar api}: the read-only query API for product teams, until interrupted. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the query API (REST/JSON under /v1/, see docs/api.md and GET /v1/openapi.json):"
          + " emerging challenges, timelines, likely participants, similar challenges, video"
          + " scores, curves, pipeline health, read from Elasticsearch; and the explorer page"
          + " under / (docs/explorer.md).",
      "Every request but /v1/health, /v1/openapi.json and the explorer's files needs an API key"
          + " (X-API-Key or"
          + " Authorization: Bearer). Without any key configured it refuses to start, unless"
          + " --insecure-no-auth is given.",
      "Every setting can also come from a --config file, its RADAR_API_* environment variable"
          + " or --set key=value; see docs/configuration.md."
    })
public final class ApiCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SettingsFlags flags = new SettingsFlags();

  @Option(names = "--port", description = "HTTP port (api.port).")
  String port;

  @Option(names = "--es", paramLabel = "URL", description = "Elasticsearch URL(s),"
      + " comma-separated (elasticsearch.hosts; when not set anywhere: the running local"
      + " platform's, as `radar status` finds it, `radar up`'s, else the demo's).")
  String es;

  @Option(names = "--keys-file", paramLabel = "FILE", description = "API keys, one a line,"
      + " optionally followed by a name for the access log; # comments (api.keys-file). Keys in"
      + " RADAR_API_KEYS (api.keys, comma-separated) are added. Keys need at least "
      + ApiKeys.MIN_KEY_LENGTH + " characters.")
  Path keysFile;

  @Option(names = "--insecure-no-auth",
      description = "Let requests without a key in. Only for a machine nobody else can reach.")
  boolean insecureNoAuth;

  @Option(names = "--rate", description = "Sustained requests per second per key (api.rate).")
  String rate;

  @Option(names = "--burst", description = "Requests a key may make at once after being idle"
      + " (api.burst).")
  String burst;

  @Option(names = "--threads", description = "HTTP handler threads (api.threads).")
  String threads;

  @Option(names = "--access-log", paramLabel = "FILE",
      description = "Append the access log (one line per request) to FILE instead of stderr"
          + " (api.access-log).")
  Path accessLog;

  @Override
  public Integer call() throws Exception {
    Config settings;
    ApiOptions options;
    Access access;
    try {
      settings = withLocalElasticsearch(settings());
      options = ApiOptions.from(settings);
      access = access(settings);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (access.isOpen()) {
      System.err.println("radar api: WARNING: --insecure-no-auth: requests without a key are"
          + " answered; anyone who can reach port " + options.port()
          + " can read every prediction");
    }
    String logFile = settings.get(ApiSettings.ACCESS_LOG);
    PrintStream logOut = logFile == null ? System.err
        : new PrintStream(new FileOutputStream(logFile, true), true, StandardCharsets.UTF_8);
    QueryApi api;
    try {
      api = QueryApi.start(options, access, new AccessLog(logOut, Clock.systemUTC()));
    } catch (UncheckedIOException | ElasticsearchAccessException e) {
      System.err.println("radar api: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      api.close();
      stopped.countDown();
    }, "api-shutdown"));
    String hosts = String.join(",", options.elasticsearchHosts());
    System.err.println("radar api: listening on port " + api.port() + ", reading " + hosts
        + " (" + settings.origin(CommonOptions.ELASTICSEARCH_HOSTS) + ", "
        + options.elasticsearch().authentication() + ")"
        + (access.isOpen() ? " (no auth)" : "") + "; rate limit " + options.ratePerSecond()
        + "/s per key, burst " + options.burst() + "; the explorer at http://localhost:"
        + api.port() + "/");
    stopped.await();
    return 0;
  }

  /** The API's settings: defaults, {@code --config}, {@code RADAR_API_*}, then the flags. */
  Config settings() {
    return flags.load(flags.loader("api")
        .flag(ApiSettings.PORT.key(), port, "--port")
        .flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), es, "--es")
        .flag(ApiSettings.KEYS_FILE.key(),
            keysFile == null ? null : keysFile.toString(), "--keys-file")
        .flag(ApiSettings.RATE.key(), rate, "--rate")
        .flag(ApiSettings.BURST.key(), burst, "--burst")
        .flag(ApiSettings.THREADS.key(), threads, "--threads")
        .flag(ApiSettings.ACCESS_LOG.key(),
            accessLog == null ? null : accessLog.toString(), "--access-log"));
  }

  /**
   * Where no layer named Elasticsearch, the running local platform's (a developer's {@code radar
   * up} or demo) rather than the default URL, which may be nobody's.
   */
  private static Config withLocalElasticsearch(Config settings) {
    if (settings.origin(CommonOptions.ELASTICSEARCH_HOSTS).layer() != Origin.Layer.DEFAULT) {
      return settings;
    }
    String by = "radar api: the running local platform";
    return LocalElasticsearch.findAccess(RadarHome.resolve())
        .map(a -> {
          Config c = settings.with(CommonOptions.ELASTICSEARCH_HOSTS, a.hosts(), by);
          // A secured one (radar up --secure): its CA and user, unless settings name others.
          if (a.username() != null && c.get(CommonOptions.ELASTICSEARCH_USERNAME) == null
              && c.get(CommonOptions.ELASTICSEARCH_API_KEY) == null) {
            c = c.with(CommonOptions.ELASTICSEARCH_USERNAME, a.username(), by)
                .with(CommonOptions.ELASTICSEARCH_PASSWORD, a.password(), by);
          }
          if (a.caFile() != null && c.get(CommonOptions.ELASTICSEARCH_CA_FILE) == null
              && c.get(CommonOptions.ELASTICSEARCH_CA_FINGERPRINT) == null) {
            c = c.with(CommonOptions.ELASTICSEARCH_CA_FILE, a.caFile(), by);
          }
          return c;
        })
        .orElse(settings);
  }

  Access access(Config settings) {
    ApiKeys keys = ApiKeys.from(settings);
    return insecureNoAuth ? Access.insecureNoAuth(keys) : Access.keys(keys);
  }
}
