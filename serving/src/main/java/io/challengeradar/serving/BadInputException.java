package io.challengeradar.serving;

/** The request itself is wrong; retrying it unchanged will fail again. */
public final class BadInputException extends ServingException {

  private final String field;
  private final String reason;

  public BadInputException(String field, String reason) {
    super("bad_input", field + ": " + reason, null);
    this.field = field;
    this.reason = reason;
  }

  /** The JSON path of the offending field, e.g. {@code videos[3].image}. */
  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
