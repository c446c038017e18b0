package io.challengeradar.flink.enrich;

import io.challengeradar.flink.Settings;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * How new posts are enriched through the serving tier ({@code enrichment.*} in {@code
 * pipeline.properties}). Enrichment is off when no serving URL is set.
 *
 * @param servingUrl the serving tier, e.g. {@code http://localhost:8081}; null: enrichment off
 * @param capacity posts in flight at once per subtask in the first attempt (Flink async I/O
 *     capacity); when full, the post stream is back-pressured
 * @param timeout how long the first attempt and each retry may take before the post is pending
 * @param retryInitialBackoff wait before the first retry of a pending post; doubles per attempt
 * @param retryMaxBackoff cap on one wait
 * @param retryMaxAttempts retries per post; a post still pending after them stays pending in
 *     Elasticsearch for {@code radar reenrich}
 * @param retryMaxInFlight retries in flight at once per subtask (more due ones wait their turn)
 * @param batchSize most posts per {@code /v1/enrich} call in the first attempt; at most {@code
 *     capacity}
 * @param batchDelay longest wait for a call to fill before it is sent; below {@link
 *     #MAX_BATCH_DELAY}, as it comes on top of the timeout before Flink's own deadline
 */
public record EnrichmentOptions(
    URI servingUrl,
    int capacity,
    Duration timeout,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    int retryMaxAttempts,
    int retryMaxInFlight,
    int batchSize,
    Duration batchDelay)
    implements Serializable {

  public static final int DEFAULT_CAPACITY = 64;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofMinutes(1);
  public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 60;
  public static final int DEFAULT_RETRY_MAX_IN_FLIGHT = 32;
  public static final int DEFAULT_BATCH_SIZE = 16;
  public static final Duration DEFAULT_BATCH_DELAY = Duration.ofMillis(20);
  public static final Duration MAX_BATCH_DELAY =
      Duration.ofMillis(EnrichmentStage.ASYNC_DEADLINE_MARGIN_MILLIS / 2);

  public EnrichmentOptions {
    if (servingUrl != null && (servingUrl.getHost() == null || servingUrl.getScheme() == null)) {
      throw new IllegalArgumentException(
          "enrichment.serving-url must be an absolute http URL, was " + servingUrl);
    }
    Settings.positive("enrichment.capacity", capacity);
    Settings.positive("enrichment.timeout", timeout);
    Settings.positive("enrichment.retry.initial-backoff", retryInitialBackoff);
    Settings.positive("enrichment.retry.max-backoff", retryMaxBackoff);
    Settings.positive("enrichment.retry.max-attempts", retryMaxAttempts);
    Settings.positive("enrichment.retry.max-in-flight", retryMaxInFlight);
    Settings.positive("enrichment.batch.size", batchSize);
    if (batchSize > capacity) {
      throw new IllegalArgumentException("enrichment.batch.size must be at most enrichment.capacity ("
          + capacity + "), was " + batchSize);
    }
    Settings.positive("enrichment.batch.delay", batchDelay);
    if (batchDelay.compareTo(MAX_BATCH_DELAY) >= 0) {
      throw new IllegalArgumentException("enrichment.batch.delay must be below " + MAX_BATCH_DELAY
          + ", was " + batchDelay);
    }
  }

  /** Off: no serving URL. */
  public static EnrichmentOptions defaults() {
    return new EnrichmentOptions(null, DEFAULT_CAPACITY, DEFAULT_TIMEOUT,
        DEFAULT_RETRY_INITIAL_BACKOFF, DEFAULT_RETRY_MAX_BACKOFF, DEFAULT_RETRY_MAX_ATTEMPTS,
        DEFAULT_RETRY_MAX_IN_FLIGHT, DEFAULT_BATCH_SIZE, DEFAULT_BATCH_DELAY);
  }

  public boolean enabled() {
    return servingUrl != null;
  }

  public EnrichmentOptions withServingUrl(URI url) {
    return new EnrichmentOptions(url, capacity, timeout, retryInitialBackoff, retryMaxBackoff,
        retryMaxAttempts, retryMaxInFlight, batchSize, batchDelay);
  }

  /** Posts per call and the longest wait to fill one; {@code 1} sends each post on its own. */
  public EnrichmentOptions withBatch(int size, Duration delay) {
    return new EnrichmentOptions(servingUrl, capacity, timeout, retryInitialBackoff,
        retryMaxBackoff, retryMaxAttempts, retryMaxInFlight, size, delay);
  }

  /** The wait before retry number {@code attempt} (1-based), spread by {@code jitter} in [0, 1). */
  public long backoffMillis(int attempt, double jitter) {
    long base = retryInitialBackoff.toMillis() << Math.min(Math.max(0, attempt - 1), 20);
    long capped = Math.min(base, retryMaxBackoff.toMillis());
    // Equal jitter: pending posts of one outage do not all come back in the same instant.
    return capped / 2 + (long) (capped / 2.0 * jitter);
  }
}
