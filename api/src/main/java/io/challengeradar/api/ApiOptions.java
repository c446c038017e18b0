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
 * @param threads request-handling threads; they mostly wait on Elasticsearch
 * @param ratePerSecond tokens added to each key's bucket per second (sustained requests/s)
 * @param burst bucket capacity: requests a key may make at once after being idle
 * @param backendRetryAfter the Retry-After given when Elasticsearch cannot be reached
 * @param elasticsearch the Elasticsearch nodes read, with the credentials and CA
 */
public record ApiOptions(int port, int threads, double ratePerSecond, int burst,
    Duration backendRetryAfter, ElasticsearchAccess elasticsearch) {

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
    Objects.requireNonNull(backendRetryAfter, "backendRetryAfter");
    if (backendRetryAfter.isNegative() || backendRetryAfter.isZero()) {
      throw new IllegalArgumentException("backendRetryAfter must be positive, was " + backendRetryAfter);
    }
    Objects.requireNonNull(elasticsearch, "elasticsearch");
  }

  public static ApiOptions from(Config settings) {
    return new ApiOptions(
        settings.get(ApiSettings.PORT),
        settings.get(ApiSettings.THREADS),
        settings.get(ApiSettings.RATE),
        settings.get(ApiSettings.BURST),
        settings.get(ApiSettings.BACKEND_RETRY_AFTER),
        ElasticsearchAccess.from(settings));
  }

  /** The URLs of the Elasticsearch nodes read. */
  public List<String> elasticsearchHosts() {
    return elasticsearch.hosts();
  }
}
