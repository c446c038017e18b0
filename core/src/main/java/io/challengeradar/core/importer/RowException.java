package io.challengeradar.core.importer;

/** One source row cannot be converted: names the source field and a reason a person can act on. */
final class RowException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Field name used when the problem is the row as a whole. */
  static final String WHOLE_ROW = "$";

  private final String field;
  private final String reason;

  RowException(String field, String reason) {
    super(field + ": " + reason, null, false, false); // thrown per bad row: no stack trace needed
    this.field = field;
    this.reason = reason;
  }

  String field() {
    return field;
  }

  String reason() {
    return reason;
  }
}
