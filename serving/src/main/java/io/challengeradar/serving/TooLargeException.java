package io.challengeradar.serving;

/**
 * The request is over a size limit (its body, or the pixels its images would decode to): HTTP
 * 413. Refused before the cost is paid, so retrying it unchanged fails again the same cheap way.
 */
public final class TooLargeException extends ServingException {
  private final String field;
  private final String reason;

  public TooLargeException(String field, String reason) {
    super("too_large", field + ": " + reason, null);
    this.field = field;
    this.reason = reason;
  }

  /** The JSON path of the field over the limit ({@code body} for the whole request). */
  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
