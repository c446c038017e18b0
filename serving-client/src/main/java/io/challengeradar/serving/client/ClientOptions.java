package io.challengeradar.serving.client;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * How a {@link ServingClient} talks to the serving tier. Serializable so a Flink operator can carry
 * it and build the client in {@code open()}.
 *
 * @param baseUri e.g. {@code http://serving:8081}
 * @param connectTimeout TCP connect limit
 * @param requestTimeout limit per HTTP attempt
 * @param maxRetries retries after the first attempt, on 429, 503 or no answer
 * @param initialBackoff first retry's base wait; doubles per retry, jittered
 * @param maxBackoff cap on one wait (also on the server's Retry-After)
 * @param maxBatch most items per HTTP call; bigger calls are split
 * @param token the bearer token the serving tier checks ({@code serving.token}); null: none.
 *     Never printed: {@link #toString()} masks it
 */
public record ClientOptions(
    URI baseUri,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxBatch,
    String token)
    implements Serializable {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
  public static final int DEFAULT_MAX_RETRIES = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(50);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
  public static final int DEFAULT_MAX_BATCH = 64;

  public ClientOptions {
    if (baseUri == null || baseUri.getHost() == null) {
      throw new IllegalArgumentException("baseUri must be an absolute http URI, was " + baseUri);
    }
    positive("connectTimeout", connectTimeout);
    positive("requestTimeout", requestTimeout);
    positive("initialBackoff", initialBackoff);
    positive("maxBackoff", maxBackoff);
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
    }
    token = token == null || token.isBlank() ? null : token;
  }

  /** Without a token. */
  public ClientOptions(URI baseUri, Duration connectTimeout, Duration requestTimeout,
      int maxRetries, Duration initialBackoff, Duration maxBackoff, int maxBatch) {
    this(baseUri, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff,
        maxBatch, null);
  }

  public static ClientOptions of(URI baseUri) {
    return new ClientOptions(
        baseUri,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_RETRIES,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_MAX_BATCH);
  }

  public ClientOptions withMaxRetries(int n) {
    return new ClientOptions(
        baseUri, connectTimeout, requestTimeout, n, initialBackoff, maxBackoff, maxBatch, token);
  }

  public ClientOptions withMaxBatch(int n) {
    return new ClientOptions(
        baseUri, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, n, token);
  }

  public ClientOptions withRequestTimeout(Duration timeout) {
    return new ClientOptions(
        baseUri, connectTimeout, timeout, maxRetries, initialBackoff, maxBackoff, maxBatch, token);
  }

  public ClientOptions withBackoff(Duration initial, Duration max) {
    return new ClientOptions(
        baseUri, connectTimeout, requestTimeout, maxRetries, initial, max, maxBatch, token);
  }

  /** The same, sending {@code bearer} as {@code Authorization: Bearer}; null: none. */
  public ClientOptions withToken(String bearer) {
    return new ClientOptions(
        baseUri, connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, maxBatch,
        bearer);
  }

  @Override
  public String toString() {
    return "ClientOptions[baseUri=" + baseUri + ", connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries
        + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", maxBatch="
        + maxBatch + ", token=" + (token == null ? "none" : "***") + "]";
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
