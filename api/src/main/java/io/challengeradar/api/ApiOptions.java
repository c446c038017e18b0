package io.challengeradar.api;

import io.challengeradar.config.Config;
import io.challengeradar.config.ElasticsearchAccess;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the query API process runs with; {@link ApiSettings} defines each setting.
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param threads request-handling threads, the requests in flight; they mostly wait on
 *     Elasticsearch
 * @param ratePerSecond tokens added to each key's bucket per second (sustained requests/s)
 * @param burst bucket capacity: requests a key may make at once after being idle
 * @param backendRetryAfter the Retry-After given when Elasticsearch cannot be reached
 * @param elasticsearch the Elasticsearch nodes read, with the credentials and CA
 * @param limits the HTTP server's bounds
 * @param healthInterval how often Elasticsearch's health is asked in the background
 */
public record ApiOptions(int port, int threads, double ratePerSecond, int burst,
    Duration backendRetryAfter, ElasticsearchAccess elasticsearch, ServerLimits limits,
    Duration healthInterval) {

  /**
   * The HTTP server's bounds.
   *
   * @param pendingRequests requests that may wait for a handler thread; more are answered 503
   * @param maxBodyBytes largest request body; larger is answered 413 (unread when declared)
   * @param readTimeout longest time a client may take to send a whole request
   * @param idleTimeout how long a kept-alive connection may sit idle
   */
  public record ServerLimits(int pendingRequests, int maxBodyBytes, Duration readTimeout,
      Duration idleTimeout) {

    public ServerLimits {
      if (pendingRequests < 1) {
        throw new IllegalArgumentException(
            "pendingRequests must be at least 1, was " + pendingRequests);
      }
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
      }
      positive("readTimeout", readTimeout);
      positive("idleTimeout", idleTimeout);
    }

    /** Every bound at its default. */
    public static ServerLimits defaults() {
      return from(ApiSettings.defaults());
    }

    public static ServerLimits from(Config settings) {
      return new ServerLimits(settings.get(ApiSettings.PENDING_REQUESTS),
          settings.get(ApiSettings.MAX_BODY_BYTES), settings.get(ApiSettings.READ_TIMEOUT),
          settings.get(ApiSettings.IDLE_TIMEOUT));
    }
  }

  public ApiOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be a positive number, was " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    positive("backendRetryAfter", backendRetryAfter);
    Objects.requireNonNull(elasticsearch, "elasticsearch");
    Objects.requireNonNull(limits, "limits");
    positive("healthInterval", healthInterval);
  }

  /** With the server's bounds and the health interval at their defaults. */
  public ApiOptions(int port, int threads, double ratePerSecond, int burst,
      Duration backendRetryAfter, ElasticsearchAccess elasticsearch) {
    this(port, threads, ratePerSecond, burst, backendRetryAfter, elasticsearch,
        ServerLimits.defaults(), ApiSettings.HEALTH_INTERVAL.defaultValue());
  }

  public static ApiOptions from(Config settings) {
    return new ApiOptions(
        settings.get(ApiSettings.PORT),
        settings.get(ApiSettings.THREADS),
        settings.get(ApiSettings.RATE),
        settings.get(ApiSettings.BURST),
        settings.get(ApiSettings.BACKEND_RETRY_AFTER),
        ElasticsearchAccess.from(settings),
        ServerLimits.from(settings),
        settings.get(ApiSettings.HEALTH_INTERVAL));
  }

  /** The URLs of the Elasticsearch nodes read. */
  public List<String> elasticsearchHosts() {
    return elasticsearch.hosts();
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
