package io.challengeradar.app;

import io.challengeradar.api.ApiOptions;
import io.challengeradar.api.LocalElasticsearch;
import io.challengeradar.api.QueryApi;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.http.AccessLog;
import io.challengeradar.infra.RadarHome;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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
          + " scores, read from Elasticsearch.",
      "Every request but /v1/health and /v1/openapi.json needs an API key (X-API-Key or"
          + " Authorization: Bearer). Without any key configured it refuses to start, unless"
          + " --insecure-no-auth is given."
    })
public final class ApiCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "${env:RADAR_API_PORT:-" + ApiOptions.DEFAULT_PORT + "}",
      description = "HTTP port (RADAR_API_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--es", paramLabel = "URL", defaultValue = "${env:RADAR_API_ES}",
      description = "Elasticsearch URL (RADAR_API_ES; default: the running local platform's, as"
          + " `radar status` finds it: `radar up`'s, else the demo's).")
  String es;

  @Option(names = "--keys-file", paramLabel = "FILE", defaultValue = "${env:RADAR_API_KEYS_FILE}",
      description = "API keys, one a line, optionally followed by a name for the access log; #"
          + " comments (RADAR_API_KEYS_FILE). Keys in " + ApiKeys.ENV + " (comma-separated) are"
          + " added. Keys need at least " + ApiKeys.MIN_KEY_LENGTH + " characters.")
  Path keysFile;

  @Option(names = "--insecure-no-auth",
      description = "Let requests without a key in. Only for a machine nobody else can reach.")
  boolean insecureNoAuth;

  @Option(names = "--rate", defaultValue = "${env:RADAR_API_RATE:-" + ApiOptions.DEFAULT_RATE_PER_SECOND + "}",
      description = "Sustained requests per second per key (RADAR_API_RATE; default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--burst", defaultValue = "${env:RADAR_API_BURST:-" + ApiOptions.DEFAULT_BURST + "}",
      description = "Requests a key may make at once after being idle (RADAR_API_BURST; default"
          + " ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--threads", defaultValue = "${env:RADAR_API_THREADS:-" + ApiOptions.DEFAULT_THREADS + "}",
      description = "HTTP handler threads (RADAR_API_THREADS; default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--access-log", paramLabel = "FILE",
      description = "Append the access log (one line per request) to FILE instead of stderr.")
  Path accessLog;

  @Override
  public Integer call() throws Exception {
    ApiOptions options;
    Access access;
    try {
      options = ApiOptions.defaults().withPort(port).withThreads(threads).withRateLimit(rate, burst);
      access = access();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    String url = es != null && !es.isBlank() ? es : LocalElasticsearch.find(RadarHome.resolve())
        .orElseThrow(() -> new ParameterException(spec.commandLine(),
            "no running Elasticsearch found (looked for " + LocalElasticsearch.stateFiles(
                RadarHome.resolve()) + "): start one with `radar up`, or pass --es URL"));
    if (access.isOpen()) {
      System.err.println("radar api: WARNING: --insecure-no-auth: requests without a key are"
          + " answered; anyone who can reach port " + port + " can read every prediction");
    }
    PrintStream logOut = accessLog == null ? System.err
        : new PrintStream(new FileOutputStream(accessLog.toFile(), true), true, StandardCharsets.UTF_8);
    QueryApi api;
    try {
      api = QueryApi.start(options, url, access, new AccessLog(logOut, Clock.systemUTC()));
    } catch (java.io.UncheckedIOException e) {
      System.err.println("radar api: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      api.close();
      stopped.countDown();
    }, "api-shutdown"));
    System.err.println("radar api: listening on port " + api.port() + ", reading " + url
        + (access.isOpen() ? " (no auth)" : "") + "; rate limit " + rate + "/s per key, burst "
        + burst);
    stopped.await();
    return 0;
  }

  Access access() {
    ApiKeys keys = keysFile != null ? ApiKeys.fromFile(keysFile) : ApiKeys.none();
    String env = System.getenv(ApiKeys.ENV);
    if (env != null && !env.isBlank()) {
      keys = keys.and(ApiKeys.fromList(env));
    }
    return insecureNoAuth ? Access.insecureNoAuth(keys) : Access.keys(keys);
  }
}
