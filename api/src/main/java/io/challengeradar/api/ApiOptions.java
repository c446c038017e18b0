package io.challengeradar.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Every setting of the query API in one place; {@code radar api} fills it from flags and
 * environment variables.
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param threads request-handling threads; they mostly wait on Elasticsearch
 * @param ratePerSecond tokens added to each key's bucket per second (sustained requests/s)
 * @param burst bucket capacity: requests a key may make at once after being idle
 * @param backendRetryAfter the Retry-After given when Elasticsearch cannot be reached
 */
public record ApiOptions(
    int port, int threads, double ratePerSecond, int burst, Duration backendRetryAfter) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_THREADS = 16;
  public static final double DEFAULT_RATE_PER_SECOND = 10.0;
  public static final int DEFAULT_BURST = 20;
  public static final Duration DEFAULT_BACKEND_RETRY_AFTER = Duration.ofSeconds(5);

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
  }

  public static ApiOptions defaults() {
    return new ApiOptions(DEFAULT_PORT, DEFAULT_THREADS, DEFAULT_RATE_PER_SECOND, DEFAULT_BURST,
        DEFAULT_BACKEND_RETRY_AFTER);
  }

  public ApiOptions withPort(int p) {
    return new ApiOptions(p, threads, ratePerSecond, burst, backendRetryAfter);
  }

  public ApiOptions withThreads(int t) {
    return new ApiOptions(port, t, ratePerSecond, burst, backendRetryAfter);
  }

  public ApiOptions withRateLimit(double perSecond, int b) {
    return new ApiOptions(port, threads, perSecond, b, backendRetryAfter);
  }

  public ApiOptions withBackendRetryAfter(Duration d) {
    return new ApiOptions(port, threads, ratePerSecond, burst, d);
  }
}
