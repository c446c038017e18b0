package io.challengeradar.serving;

/**
 * Every failure the serving tier reports to a caller. Each subtype is one outcome a caller acts on
 * differently (retry later, fix the request, give up); the HTTP layer maps them to status codes in
 * one place.
 */
public abstract sealed class ServingException extends RuntimeException
    permits OverCapacityException,
        RequestTimeoutException,
        BadInputException,
        TooLargeException,
        UnknownModelException,
        ModelUnavailableException,
        InferenceException {

  private final String type;

  protected ServingException(String type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  /** A short stable label for metrics and error bodies, e.g. {@code over_capacity}. */
  public String type() {
    return type;
  }
}
