package io.challengeradar.serving.http;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.InferenceException;
import io.challengeradar.serving.ModelUnavailableException;
import io.challengeradar.serving.OverCapacityException;
import io.challengeradar.serving.RequestTimeoutException;
import io.challengeradar.serving.ServingException;
import io.challengeradar.serving.TooLargeException;
import io.challengeradar.serving.UnknownModelException;
import io.challengeradar.serving.wire.Wire.ErrorResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The one place where failures become HTTP status codes, headers and bodies. */
public final class ErrorMapping {

  private ErrorMapping() {}

  /**
   * An HTTP error answer.
   *
   * @param retryAfter seconds for the Retry-After header, or 0 for none
   */
  public record HttpError(int status, long retryAfter, ErrorResponse body) {}

  /**
   * The answer for {@code error}. An unexpected failure's text stays in the server log, under
   * {@code errorId}; the body carries only the id, so a caller learns nothing of the internals
   * and an operator can still find the stack trace.
   */
  public static HttpError map(Throwable error, String errorId) {
    if (error instanceof ServingException se) {
      return map(se);
    }
    return new HttpError(500, 0, new ErrorResponse("internal",
        "internal error " + errorId + "; the server log has the details", null, null));
  }

  /** A short id for one unexpected failure, logged with it and sent in the 500 body. */
  public static String newErrorId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  }

  private static HttpError map(ServingException e) {
    if (e instanceof BadInputException bad) {
      return new HttpError(
          400, 0, new ErrorResponse(e.type(), e.getMessage(), bad.field(), bad.reason()));
    }
    if (e instanceof TooLargeException big) {
      return new HttpError(
          413, 0, new ErrorResponse(e.type(), e.getMessage(), big.field(), big.reason()));
    }
    if (e instanceof OverCapacityException full) {
      return new HttpError(429, seconds(full.retryAfter()), body(e));
    }
    if (e instanceof ModelUnavailableException gone) {
      return new HttpError(503, seconds(gone.retryAfter()), body(e));
    }
    if (e instanceof UnknownModelException) {
      return new HttpError(404, 0, body(e));
    }
    if (e instanceof RequestTimeoutException) {
      // 503, not 504: the server itself gave up, and the client may retry elsewhere.
      return new HttpError(503, 1, body(e));
    }
    if (e instanceof InferenceException) {
      return new HttpError(500, 0, body(e));
    }
    return new HttpError(500, 0, body(e));
  }

  private static ErrorResponse body(ServingException e) {
    return new ErrorResponse(e.type(), e.getMessage(), null, null);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
