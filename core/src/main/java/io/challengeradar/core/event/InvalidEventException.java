package io.challengeradar.core.event;

/**
 * An input that cannot become an event. Always names the offending field (a JSON field name, or
 * {@code $} for the line as a whole) and a reason a person can act on.
 */
public final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Field name used when the problem is the whole line rather than one field. */
  public static final String WHOLE_LINE = "$";

  private final String field;
  private final String reason;

  public InvalidEventException(String field, String reason) {
    super(field + ": " + reason);
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
