package io.challengeradar.serving;

import java.time.Duration;

/** A model's queue is full: the request was refused before any work was done; retry later. */
public final class OverCapacityException extends ServingException {

  private final Duration retryAfter;

  public OverCapacityException(String model, int requested, int free, Duration retryAfter) {
    super(
        "over_capacity",
        "model "
            + model
            + " is over capacity: "
            + requested
            + " item(s) requested, "
            + free
            + " queue slot(s) free",
        null);
    this.retryAfter = retryAfter;
  }

  /** How long the caller should wait before retrying. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
