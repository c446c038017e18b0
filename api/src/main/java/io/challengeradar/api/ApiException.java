package io.challengeradar.api;

/**
 * A failure the API answers with a specific status; {@code http.ErrorMapping} is the one place
 * that turns each subtype into a status code, headers and body.
 */
public abstract class ApiException extends RuntimeException {
  private final String type;

  protected ApiException(String type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  /** The machine-readable kind of error, the {@code error} field of the answer. */
  public String type() {
    return type;
  }
}
