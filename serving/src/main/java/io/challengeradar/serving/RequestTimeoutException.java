package io.challengeradar.serving;

import java.time.Duration;

/** A request was not answered within its deadline; any queued part of it was dropped unrun. */
public final class RequestTimeoutException extends ServingException {

  public RequestTimeoutException(String model, Duration timeout) {
    super(
        "timed_out",
        "model " + model + " did not answer within " + timeout.toMillis() + " ms",
        null);
  }
}
