package io.challengeradar.api.http;

import io.challengeradar.api.ApiException;
import io.challengeradar.api.BackendUnavailableException;
import io.challengeradar.api.BadRequestException;
import io.challengeradar.api.MethodNotAllowedException;
import io.challengeradar.api.NotFoundException;
import io.challengeradar.api.PayloadTooLargeException;
import io.challengeradar.api.RateLimitedException;
import io.challengeradar.api.UnauthorizedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The one place where failures become HTTP status codes, headers and bodies. */
public final class ErrorMapping {

  private ErrorMapping() {}

  /**
   * The answer for {@code error}. An unexpected failure's text stays in the server log, under
   * {@code errorId}; the body carries only the id, so a caller learns nothing of the internals
   * and an operator can still find the stack trace.
   */
  public static ApiResponse map(Throwable error, String errorId) {
    if (!(error instanceof ApiException e)) {
      return response(500, Map.of(), body("internal",
          "internal error " + errorId + "; the server log has the details"));
    }
    return map(e);
  }

  /** Every handler thread is busy and the waiting requests are at their bound. */
  public static ApiResponse overloaded(int pendingRequests) {
    Map<String, String> headers = new LinkedHashMap<>(retryAfter(Duration.ofSeconds(1)));
    headers.put("Connection", "close");
    return response(503, headers, body("overloaded", "every handler thread is busy and "
        + pendingRequests + " requests wait; retry later (api.threads, api.pending-requests)"));
  }

  /** A short id for one unexpected failure, logged with it and sent in the 500 body. */
  public static String newErrorId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  }

  public static ApiResponse map(ApiException e) {
    if (e instanceof BadRequestException bad) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("error", e.type());
      b.put("field", bad.field());
      b.put("reason", bad.reason());
      return response(400, Map.of(), b);
    }
    if (e instanceof UnauthorizedException) {
      return response(401, Map.of("WWW-Authenticate", "Bearer"), body(e));
    }
    if (e instanceof NotFoundException) {
      return response(404, Map.of(), body(e));
    }
    if (e instanceof MethodNotAllowedException m) {
      return response(405, Map.of("Allow", m.allowed()), body(e));
    }
    if (e instanceof PayloadTooLargeException) {
      return response(413, Map.of("Connection", "close"), body(e));
    }
    if (e instanceof RateLimitedException r) {
      return response(429, retryAfter(r.retryAfter()), body(e));
    }
    if (e instanceof BackendUnavailableException u) {
      return response(503, retryAfter(u.retryAfter()), body(e));
    }
    return response(500, Map.of(), body(e));
  }

  private static Map<String, Object> body(ApiException e) {
    return body(e.type(), e.getMessage());
  }

  private static Map<String, Object> body(String type, String message) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("error", type);
    b.put("message", message);
    return b;
  }

  private static Map<String, String> retryAfter(Duration d) {
    return Map.of("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)));
  }

  private static ApiResponse response(int status, Map<String, String> headers, Object body) {
    return new ApiResponse(status, ApiResponse.JSON, headers, Json.write(body));
  }
}
