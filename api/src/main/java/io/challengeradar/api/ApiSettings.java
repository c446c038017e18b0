package io.challengeradar.api;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the query API, defined once. {@code radar api} resolves them from the
 * defaults, a properties file, {@code RADAR_API_*} (and {@code RADAR_ELASTICSEARCH_HOSTS}) and its
 * flags; {@link ApiOptions} and the {@link io.challengeradar.api.auth.ApiKeys} are built from the
 * result.
 */
public final class ApiSettings {
  private ApiSettings() {}

  public static final Option<Integer> PORT = Option.key("api.port").intType().defaultValue(8080)
      .between(0, 65_535)
      .description("HTTP port of the query API; 0 picks a free one.");
  public static final Option<Integer> THREADS = Option.key("api.threads").intType()
      .defaultValue(16).positive()
      .description("HTTP handler threads; they mostly wait on Elasticsearch.");
  public static final Option<Integer> PENDING_REQUESTS = Option.key("api.pending-requests")
      .intType().defaultValue(256).positive()
      .description("Requests that may wait for a free handler thread (api.threads are the"
          + " requests in flight); beyond them a request is answered 503 with Retry-After at"
          + " once.");
  public static final Option<Integer> MAX_BODY_BYTES = Option.key("api.max-body-bytes")
      .intType().defaultValue(8 << 10).positive()
      .description("Largest request body, in bytes (the API's requests carry none): a larger"
          + " Content-Length is answered 413 unread; a chunked body is cut at the limit (413).");
  public static final Option<Duration> READ_TIMEOUT = Option.key("api.read-timeout")
      .durationType().defaultValue(Duration.ofSeconds(10)).positive()
      .description("Longest time a client may take to send a whole request; a client that"
          + " trickles bytes is cut off then. Whole seconds. The JDK HTTP server reads it once"
          + " per JVM: the first server started in a process sets it.");
  public static final Option<Duration> IDLE_TIMEOUT = Option.key("api.idle-timeout")
      .durationType().defaultValue(Duration.ofSeconds(30)).positive()
      .description("How long a kept-alive connection may sit idle before it is closed. Whole"
          + " seconds; read once per JVM, like api.read-timeout.");
  public static final Option<Duration> HEALTH_INTERVAL = Option.key("api.health-interval")
      .durationType().defaultValue(Duration.ofSeconds(5)).positive()
      .description("How often the API asks Elasticsearch for its health in the background;"
          + " /v1/health answers from the latest answer, so probes never reach Elasticsearch.");
  public static final Option<Double> RATE = Option.key("api.rate").doubleType().defaultValue(10.0)
      .check(r -> r > 0 && !r.isInfinite(), "must be a positive number")
      .description("Sustained requests per second per API key (the token bucket's refill).");
  public static final Option<Integer> BURST = Option.key("api.burst").intType().defaultValue(20)
      .positive().description("Requests a key may make at once after being idle (the bucket's"
          + " size).");
  public static final Option<Duration> BACKEND_RETRY_AFTER =
      Option.key("api.backend-retry-after").durationType().defaultValue(Duration.ofSeconds(5))
          .positive()
          .description("The Retry-After answered with 503 while Elasticsearch cannot be reached.");
  public static final Option<String> KEYS_FILE = Option.key("api.keys-file").stringType()
      .description("API keys file: one key a line, optionally followed by a name for the access"
          + " log; # comments. Keys need at least 16 characters.");
  public static final Option<List<String>> KEYS = Option.key("api.keys").listType()
      .defaultValue(List.of()).secret()
      .description("API keys, comma-separated, added to the keys file's (named env-1, env-2,"
          + " ...). Without any key the API refuses to start unless --insecure-no-auth.");
  public static final Option<String> ACCESS_LOG = Option.key("api.access-log").stringType()
      .description("File the access log (one line per request) is appended to; empty: stderr.");

  public static final OptionGroup GROUP = OptionGroup.of("api",
      "The query API (radar api): HTTP, rate limit, API keys and the Elasticsearch it reads.",
      PORT, THREADS, PENDING_REQUESTS, MAX_BODY_BYTES, READ_TIMEOUT, IDLE_TIMEOUT,
      HEALTH_INTERVAL, RATE, BURST, BACKEND_RETRY_AFTER, KEYS_FILE, KEYS, ACCESS_LOG)
      .with("api", "The query API (radar api): HTTP, rate limit, API keys and the Elasticsearch"
          + " it reads.", CommonOptions.ELASTICSEARCH);

  /** Every API setting at its default; tests change what they need with {@link Config#with}. */
  public static Config defaults() {
    return Config.defaults(GROUP);
  }
}
