package io.challengeradar.serving.client;

import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one HTTP attempt of a {@link ServingClient} call came to, and whether the call tries again.
 * The blocking and the asynchronous calls both go through here, so they cannot disagree:
 *
 * <ul>
 *   <li>200 with a body that reads as the expected record: the answer.
 *   <li>200 with a body that does not (status 200, error {@code unreadable_answer}): fails at once.
 *       The server did answer, and asking again gets the same answer; a body cut off on the way
 *       fails inside the HTTP client instead, as no answer.
 *   <li>429 and 503: retried, waiting at least the server's Retry-After.
 *   <li>No answer (refused, reset, timed out; status 0): retried.
 *   <li>Any other status (400, 404, 500, ...): fails at once; the server's error type is kept.
 * </ul>
 *
 * <p>At most {@link ClientOptions#maxRetries()} retries follow the first attempt. Retry {@code n}
 * (from 0) waits {@code initialBackoff * 2^n} with equal jitter, at least the Retry-After, and never
 * more than {@link ClientOptions#maxBackoff()}.
 */
final class RetryPolicy {

  /** The error type of a 200 whose body is not the record asked for. */
  static final String UNREADABLE_ANSWER = "unreadable_answer";

  /** What one attempt came to. */
  sealed interface Outcome<T> {}

  record Answer<T>(T value) implements Outcome<T> {}

  /** @param retryAfterMillis the server's Retry-After, 0 when it named none */
  record Failure<T>(ServingClientException error, long retryAfterMillis) implements Outcome<T> {}

  private final ClientOptions options;

  RetryPolicy(ClientOptions options) {
    this.options = options;
  }

  /** Whether a call that failed with this status may succeed later (0: no answer came). */
  static boolean retryable(int status) {
    return status == 0 || status == 429 || status == 503;
  }

  /**
   * The outcome of one attempt: either the server's {@code response}, or the {@code transportError}
   * that kept it from coming (exactly one of the two is non-null).
   */
  <T> Outcome<T> outcome(
      URI uri, HttpResponse<byte[]> response, Throwable transportError, Class<T> type) {
    if (transportError != null) {
      return new Failure<>(
          new ServingClientException(0, null, uri + ": no answer: " + transportError, transportError),
          0);
    }
    if (response.statusCode() == 200) {
      try {
        T value = WireJson.LENIENT.readValue(response.body(), type);
        if (value != null) {
          return new Answer<>(value);
        }
        return unreadable(uri, "the body is JSON null", null);
      } catch (IOException e) {
        return unreadable(uri, e.getMessage(), e);
      }
    }
    long retryAfterMillis =
        response.headers().firstValue("Retry-After").map(RetryPolicy::seconds).orElse(0L) * 1000;
    return new Failure<>(refusal(uri, response), retryAfterMillis);
  }

  /**
   * How long to wait before trying again after {@code failure} on attempt {@code attempt} (from 0),
   * or empty when the call gives up and fails with it.
   */
  OptionalLong retryAfter(Failure<?> failure, int attempt) {
    if (!failure.error().retryable() || attempt >= options.maxRetries()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(backoffMillis(attempt, failure.retryAfterMillis()));
  }

  /** Doubling base wait with equal jitter, at least the server's Retry-After, capped. */
  long backoffMillis(int attempt, long retryAfterMillis) {
    long cap = options.maxBackoff().toMillis();
    long base = Math.min(options.initialBackoff().toMillis() << Math.min(attempt, 20), cap);
    long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Math.min(cap, Math.max(jittered, retryAfterMillis));
  }

  private static <T> Failure<T> unreadable(URI uri, String why, IOException cause) {
    return new Failure<>(new ServingClientException(
        200, UNREADABLE_ANSWER, uri + ": unreadable answer: " + why, cause), 0);
  }

  private static ServingClientException refusal(URI uri, HttpResponse<byte[]> r) {
    try {
      Wire.ErrorResponse e = WireJson.LENIENT.readValue(r.body(), Wire.ErrorResponse.class);
      return new ServingClientException(
          r.statusCode(), e.error(), uri + ": " + r.statusCode() + " " + e.message(), null);
    } catch (IOException notJson) {
      return new ServingClientException(r.statusCode(), null, uri + ": " + r.statusCode(), null);
    }
  }

  private static long seconds(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
