package io.challengeradar.api;

import java.time.Duration;

/** Elasticsearch cannot be reached or is overloaded; the client should retry later. */
public final class BackendUnavailableException extends ApiException {
  private final Duration retryAfter;

  public BackendUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super("unavailable", message, cause);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
