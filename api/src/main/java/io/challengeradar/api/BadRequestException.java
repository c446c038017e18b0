package io.challengeradar.api;

/** A request parameter (or path segment) that cannot be answered; names the field and why. */
public final class BadRequestException extends ApiException {
  private final String field;
  private final String reason;

  public BadRequestException(String field, String reason) {
    super("bad_request", field + ": " + reason, null);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
