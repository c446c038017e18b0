package io.challengeradar.api;

/** The request's body is over {@code api.max-body-bytes}: 413. */
public final class PayloadTooLargeException extends ApiException {
  public PayloadTooLargeException(String message) {
    super("too_large", message, null);
  }
}
