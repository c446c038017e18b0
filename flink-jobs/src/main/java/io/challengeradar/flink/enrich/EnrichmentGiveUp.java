package io.challengeradar.flink.enrich;

import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.serving.client.ServingClientException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The dead letter of a post the serving tier never enriched: stage {@code enrichment}, the last
 * attempt's failure as its reason, the number of calls made. The post itself was applied to its
 * video all the same (which stays {@code pendingEnrichment=true} for {@code radar reenrich}), so
 * these dead letters are outside the count of input records.
 */
final class EnrichmentGiveUp {
  /** Enough of the last failure's message to act on; the keyword of {@code detail} keeps 512. */
  static final int MAX_FAILURE_CHARS = 300;

  private EnrichmentGiveUp() {}

  /**
   * @param post the post as it arrived
   * @param attempts calls made: the first and every retry
   * @param lastFailure why the last call brought no answer
   */
  static DeadLetter of(SourcedEvent post, int attempts, Throwable lastFailure) {
    Throwable cause = unwrap(lastFailure);
    return new DeadLetter(post.raw(), DeadLetter.STAGE_ENRICHMENT, reason(cause), null,
        "no answer from the serving tier after " + attempts + " attempts"
            + " (enrichment.retry.max-attempts); the last: " + describe(cause)
            + "; the video stays pendingEnrichment for radar reenrich",
        post.origin(), post.event().eventTime(), Instant.now(), attempts);
  }

  /** The reason code of a failed call. */
  static String reason(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return DeadLetter.REASON_SERVING_TIMEOUT;
    }
    if (cause instanceof ServingClientException e) {
      if (e.status() == 0) {
        return e.getCause() instanceof HttpTimeoutException
            ? DeadLetter.REASON_SERVING_TIMEOUT : DeadLetter.REASON_SERVING_UNREACHABLE;
      }
      if (e.status() == 200) {
        return DeadLetter.REASON_SERVING_BAD_ANSWER;
      }
      return e.retryable() ? DeadLetter.REASON_SERVING_OVERLOADED
          : DeadLetter.REASON_SERVING_REFUSED;
    }
    if (cause instanceof BadAnswer) {
      return DeadLetter.REASON_SERVING_BAD_ANSWER;
    }
    // Refused by the client before it was sent (a request it will not make).
    return DeadLetter.REASON_SERVING_REFUSED;
  }

  /** An answer that came but does not fit the question (no post for the video, say). */
  static final class BadAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadAnswer(RuntimeException cause) {
      super("an answer that does not fit the post: " + cause.getMessage(), cause);
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String describe(Throwable cause) {
    String text = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage();
    return text.length() <= MAX_FAILURE_CHARS ? text
        : text.substring(0, MAX_FAILURE_CHARS) + "...";
  }
}
