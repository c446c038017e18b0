package io.challengeradar.serving;

import java.time.Duration;

/**
 * The model is known but cannot take work now: not loaded yet, no weights trained yet, or shutting
 * down. Unlike {@link OverCapacityException} this is not about load.
 */
public final class ModelUnavailableException extends ServingException {

  private final Duration retryAfter;

  public ModelUnavailableException(String message, Duration retryAfter) {
    super("unavailable", message, null);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
