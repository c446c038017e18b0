package io.challengeradar.api;

import java.time.Duration;

/** The key's token bucket is empty; {@link #retryAfter()} says when the next token is due. */
public final class RateLimitedException extends ApiException {
  private final Duration retryAfter;

  public RateLimitedException(String keyName, Duration retryAfter) {
    super("rate_limited", "too many requests for key '" + keyName + "'", null);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
