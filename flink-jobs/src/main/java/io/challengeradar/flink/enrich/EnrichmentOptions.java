package io.challengeradar.flink.enrich;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.Secret;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.serving.wire.AuthorTrack;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * How new posts are enriched through the serving tier ({@code serving.url} and {@code
 * enrichment.*}). Enrichment is off when no serving URL is set.
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
 * @param authorHistoryMaxVideos videos kept per author for the author-history features sent with
 *     each post
 * @param servingToken the bearer token sent to the serving tier; null: none (printed masked)
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
    Duration batchDelay,
    int authorHistoryMaxVideos,
    Secret servingToken)
    implements Serializable {

  public static final Duration MAX_BATCH_DELAY =
      Duration.ofMillis(EnrichmentStage.ASYNC_DEADLINE_MARGIN_MILLIS / 2);

  public static final Option<Integer> CAPACITY = Option.key("enrichment.capacity").intType()
      .defaultValue(64).positive()
      .description("Posts in flight at once per subtask on the first attempt (async I/O"
          + " capacity); when full, the post stream is back-pressured.");
  public static final Option<Duration> TIMEOUT = Option.key("enrichment.timeout").durationType()
      .defaultValue(Duration.ofSeconds(5)).positive()
      .description("Longest wait for one answer before the post counts as pending.");
  public static final Option<Duration> RETRY_INITIAL_BACKOFF =
      Option.key("enrichment.retry.initial-backoff").durationType()
          .defaultValue(Duration.ofSeconds(1)).positive()
          .description("First wait before retrying a pending post; doubles per attempt up to"
              + " max-backoff.");
  public static final Option<Duration> RETRY_MAX_BACKOFF = Option.key("enrichment.retry.max-backoff")
      .durationType().defaultValue(Duration.ofMinutes(1)).positive()
      .description("The longest wait between two retries of a pending post.");
  public static final Option<Integer> RETRY_MAX_ATTEMPTS =
      Option.key("enrichment.retry.max-attempts").intType().defaultValue(60).positive()
          .description("Retries per post; what is still pending after them waits for"
              + " `radar reenrich`.");
  public static final Option<Integer> RETRY_MAX_IN_FLIGHT =
      Option.key("enrichment.retry.max-in-flight").intType().defaultValue(32).positive()
          .description("Retries in flight at once per subtask.");
  public static final Option<Integer> BATCH_SIZE = Option.key("enrichment.batch.size").intType()
      .defaultValue(16).positive()
      .description("Posts per /v1/enrich call on the first attempt (at most enrichment.capacity);"
          + " 1 sends each post on its own.");
  public static final Option<Duration> BATCH_DELAY = Option.key("enrichment.batch.delay")
      .durationType().defaultValue(Duration.ofMillis(20)).positive()
      .check(d -> d.compareTo(MAX_BATCH_DELAY) < 0, "must be below " + MAX_BATCH_DELAY)
      .description("The longest wait for a call to fill before it is sent.");
  public static final Option<Integer> AUTHOR_HISTORY_MAX_VIDEOS =
      Option.key("enrichment.author-history.max-videos").intType()
          .defaultValue(AuthorTrack.DEFAULT_MAX_VIDEOS).positive()
          .description("Videos kept per author (the newest by post time, with each one's latest"
              + " engagement) for the author-history features sent with each new post to"
              + " /v1/enrich; the virality head was trained with the default.");

  /**
   * Enrichment of each new post through the serving tier (embedding, virality, claim
   * probability); off while serving.url is empty.
   */
  public static final OptionGroup GROUP = OptionGroup.of("enrichment",
      "Enrichment of each new post through the serving tier (embedding, virality, claim"
          + " probability); off while serving.url is empty. When serving is down, slow or"
          + " shedding load, posts go on with pendingEnrichment=true and are retried with"
          + " doubling, jittered waits.",
      CommonOptions.SERVING_URL, CommonOptions.SERVING_TOKEN, CAPACITY, TIMEOUT,
      RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF, RETRY_MAX_ATTEMPTS, RETRY_MAX_IN_FLIGHT,
      BATCH_SIZE, BATCH_DELAY, AUTHOR_HISTORY_MAX_VIDEOS);

  public EnrichmentOptions {
    if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
      throw new ConfigException(RETRY_MAX_BACKOFF + " must be at least "
          + RETRY_INITIAL_BACKOFF + " (" + retryInitialBackoff + "), was " + retryMaxBackoff);
    }
    if (batchSize > capacity) {
      throw new ConfigException(BATCH_SIZE + " must be at most " + CAPACITY + " ("
          + capacity + "), was " + batchSize);
    }
  }

  /** Off: no serving URL. */
  public static EnrichmentOptions defaults() {
    return from(Config.defaults(GROUP));
  }

  public static EnrichmentOptions from(Config c) {
    return new EnrichmentOptions(c.get(CommonOptions.SERVING_URL), c.get(CAPACITY),
        c.get(TIMEOUT), c.get(RETRY_INITIAL_BACKOFF), c.get(RETRY_MAX_BACKOFF),
        c.get(RETRY_MAX_ATTEMPTS), c.get(RETRY_MAX_IN_FLIGHT), c.get(BATCH_SIZE),
        c.get(BATCH_DELAY), c.get(AUTHOR_HISTORY_MAX_VIDEOS),
        Secret.ofNullable(c.get(CommonOptions.SERVING_TOKEN)));
  }

  public boolean enabled() {
    return servingUrl != null;
  }

  /** The wait before retry number {@code attempt} (1-based), spread by {@code jitter} in [0, 1). */
  public long backoffMillis(int attempt, double jitter) {
    long base = retryInitialBackoff.toMillis() << Math.min(Math.max(0, attempt - 1), 20);
    long capped = Math.min(base, retryMaxBackoff.toMillis());
    // Equal jitter: pending posts of one outage do not all come back in the same instant.
    return capped / 2 + (long) (capped / 2.0 * jitter);
  }
}
