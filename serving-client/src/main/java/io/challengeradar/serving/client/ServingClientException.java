package io.challengeradar.serving.client;

/** The server refused a call (after any retries), or could not be reached. */
public final class ServingClientException extends RuntimeException {

  private final int status;
  private final String error;

  public ServingClientException(int status, String error, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /**
   * The server's error type ({@code bad_input}, {@code over_capacity}, ...), {@code
   * unreadable_answer} for a 200 whose body is not the expected record, or null.
   */
  public String error() {
    return error;
  }

  /**
   * Whether the same call may succeed later (load, timeouts, unreachable server), as the client's
   * {@link RetryPolicy} decides.
   */
  public boolean retryable() {
    return RetryPolicy.retryable(status);
  }
}
