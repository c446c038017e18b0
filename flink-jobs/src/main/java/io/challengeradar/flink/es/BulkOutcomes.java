package io.challengeradar.flink.es;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import io.challengeradar.flink.es.BulkItemClassifier.Outcome;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.elasticsearch.client.ResponseException;

/**
 * What to do after a bulk request, decided without any I/O so it can be tested on its own: which
 * writes to send again (after a backoff), which to turn into dead letters with Elasticsearch's
 * reason, and how many of each outcome to count.
 *
 * <p>Only a write that can never succeed becomes a dead letter: one the mapping refuses, or one
 * too large for a request on its own. A busy or unavailable cluster (429, 5xx, no connection) is
 * waited out for the retry budget; past it, and whenever a dead letter itself cannot be written,
 * the plan is an {@link ElasticsearchSinkException}: the job fails and restarts from its last
 * checkpoint, which still holds the writes, instead of dropping anything.
 */
public final class BulkOutcomes {

  /**
   * The most characters of a too-large document its dead letter keeps: the document did not fit
   * into a request, so its dead letter must fit where it could not.
   */
  public static final int TOO_LARGE_RAW_CHARS = 4_096;

  /** One item of a bulk response, reduced to what the decision needs. */
  public record ItemResult(int status, String errorType, String errorReason) {
    public static ItemResult of(BulkResponseItem item) {
      return item.error() == null
          ? new ItemResult(item.status(), null, null)
          : new ItemResult(item.status(), item.error().type(), item.error().reason());
    }
  }

  /** Per-outcome tallies a plan reports; the writer adds them to its metrics. */
  public enum Tally {
    SUCCEEDED,
    SUPERSEDED,
    RETRIED,
    REJECTED,
    /** A single write answered 413: dead-lettered as {@link DeadLetter#REASON_TOO_LARGE}. */
    TOO_LARGE,
    /** A request answered 413 and sent again in smaller requests. */
    SPLIT,
    /** Not sent: a later write of the same document in the same request replaced it. */
    COALESCED
  }

  /**
   * The decision for one bulk response.
   *
   * @param retry writes to send again (after a retryable failure, their attempt counted)
   * @param deadLetters dead-letter writes replacing writes that will never succeed
   * @param backoffMillis how long to wait before the retries go out
   * @param maxRequestBytes the most bytes a request may carry from now on, 0 when unchanged
   */
  public record Plan(
      List<EsOperation> retry,
      List<EsOperation> deadLetters,
      Map<Tally, Integer> tallies,
      long backoffMillis,
      long maxRequestBytes) {

    /** Everything that goes back into the sink's buffer. */
    public List<EsOperation> requeue() {
      List<EsOperation> all = new ArrayList<>(retry.size() + deadLetters.size());
      all.addAll(retry);
      all.addAll(deadLetters);
      return all;
    }

    public int tally(Tally t) {
      return tallies.getOrDefault(t, 0);
    }
  }

  private final Duration budget;
  private final long initialBackoffMillis;
  private final long maxBackoffMillis;
  private final LongSupplier clock;

  /**
   * @param budget how long a write is retried from its first retryable failure
   * @param initialBackoffMillis wait before the first retry; doubles per attempt
   * @param maxBackoffMillis the longest wait between retries
   */
  public BulkOutcomes(Duration budget, long initialBackoffMillis, long maxBackoffMillis) {
    this(budget, initialBackoffMillis, maxBackoffMillis, System::currentTimeMillis);
  }

  /** As above, reading the time (epoch milliseconds) from {@code clock}. */
  BulkOutcomes(Duration budget, long initialBackoffMillis, long maxBackoffMillis,
      LongSupplier clock) {
    if (budget == null || budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive, was " + budget);
    }
    if (initialBackoffMillis <= 0 || maxBackoffMillis < initialBackoffMillis) {
      throw new IllegalArgumentException("backoff must satisfy 0 < initial <= max, was "
          + initialBackoffMillis + " and " + maxBackoffMillis);
    }
    this.budget = budget;
    this.initialBackoffMillis = initialBackoffMillis;
    this.maxBackoffMillis = maxBackoffMillis;
    this.clock = clock;
  }

  public static List<ItemResult> items(BulkResponse response) {
    List<ItemResult> items = new ArrayList<>(response.items().size());
    for (BulkResponseItem item : response.items()) {
      items.add(ItemResult.of(item));
    }
    return items;
  }

  /** Exponential: initial, 2x, 4x... capped at the maximum. */
  public long backoffMillis(int attempt) {
    long delay = initialBackoffMillis << Math.min(Math.max(attempt - 1, 0), 30);
    return Math.min(delay, maxBackoffMillis);
  }

  /** The plan for a response whose items answer {@code sent} in order. */
  public Plan onResponse(List<EsOperation> sent, List<ItemResult> items) {
    if (items.size() != sent.size()) {
      throw new IllegalStateException("bulk response has " + items.size()
          + " items for " + sent.size() + " writes");
    }
    long now = clock.getAsLong();
    Map<Tally, Integer> tallies = new EnumMap<>(Tally.class);
    List<EsOperation> retry = new ArrayList<>();
    List<EsOperation> deadLetters = new ArrayList<>();
    int maxAttempt = 0;
    for (int i = 0; i < sent.size(); i++) {
      EsOperation op = sent.get(i);
      ItemResult item = items.get(i);
      Outcome outcome = BulkItemClassifier.classify(item.status(), item.errorType());
      switch (outcome) {
        case SUCCESS:
          add(tallies, Tally.SUCCEEDED);
          break;
        case SUPERSEDED:
          add(tallies, Tally.SUPERSEDED);
          break;
        case DENIED:
          throw new ElasticsearchAccessDenied("Elasticsearch does not let the sink write to "
              + op.index() + " (" + describe(item) + "): give its user (elasticsearch.username"
              + " or elasticsearch.api-key) the write privileges docs/security.md lists");
        case RETRYABLE:
          add(tallies, Tally.RETRIED);
          EsOperation next = retried(op, now, describe(item));
          maxAttempt = Math.max(maxAttempt, next.attempt());
          retry.add(next);
          break;
        default:
          add(tallies, Tally.REJECTED);
          deadLetters.add(deadLetter(op, DeadLetter.REASON_REJECTED, describe(item),
              DeadLetter.MAX_RAW_CHARS));
          break;
      }
    }
    return new Plan(retry, deadLetters, tallies,
        retry.isEmpty() ? 0 : backoffMillis(maxAttempt), 0);
  }

  /**
   * The plan when the whole request failed. Transient failures (429, 5xx, timeouts, no
   * connection) retry every write within the budget; anything else is an {@link
   * ElasticsearchSinkException} so that the job restarts from its checkpoint rather than
   * dead-letter writes that did nothing wrong. A 413 is not a failure of the writes: see {@link
   * #onTooLarge}.
   */
  public Plan onRequestFailure(List<EsOperation> sent, Throwable error) {
    Throwable cause = unwrap(error);
    if (!isTransient(cause)) {
      throw new ElasticsearchSinkException("bulk request failed and cannot be retried: " + cause,
          cause);
    }
    long now = clock.getAsLong();
    List<EsOperation> retry = new ArrayList<>(sent.size());
    int maxAttempt = 0;
    for (EsOperation op : sent) {
      EsOperation next = retried(op, now, "the whole bulk request failed: " + cause);
      maxAttempt = Math.max(maxAttempt, next.attempt());
      retry.add(next);
    }
    Map<Tally, Integer> tallies = new EnumMap<>(Tally.class);
    tallies.put(Tally.RETRIED, sent.size());
    return new Plan(retry, List.of(), tallies, backoffMillis(maxAttempt), 0);
  }

  /**
   * The plan when the request was answered 413 (its body is over Elasticsearch's {@code
   * http.max_content_length} or a proxy's limit). Several writes go back unchanged, and requests
   * from now on carry at most half of this one's bytes, so the writes go out in halves, and
   * halves of halves while 413 persists. A write alone in a refused request can never be sent:
   * it becomes a {@link DeadLetter#REASON_TOO_LARGE} dead letter holding its first {@link
   * #TOO_LARGE_RAW_CHARS} characters.
   */
  public Plan onTooLarge(List<EsOperation> sent) {
    Map<Tally, Integer> tallies = new EnumMap<>(Tally.class);
    if (sent.size() > 1) {
      long bytes = 0;
      for (EsOperation op : sent) {
        bytes += op.sizeInBytes();
      }
      tallies.put(Tally.SPLIT, 1);
      return new Plan(List.copyOf(sent), List.of(), tallies, 0, Math.max(1, bytes / 2));
    }
    EsOperation op = sent.get(0);
    tallies.put(Tally.TOO_LARGE, 1);
    String detail = "413 Request Entity Too Large: this document alone (" + op.sizeInBytes()
        + " bytes in its request) is over the request body limit, Elasticsearch's"
        + " http.max_content_length or that of a proxy in front of it";
    return new Plan(List.of(), List.of(deadLetter(op, DeadLetter.REASON_TOO_LARGE, detail,
        TOO_LARGE_RAW_CHARS)), tallies, 0, 0);
  }

  /** Whether the request was answered 413 (by Elasticsearch or anything in front of it). */
  public static boolean isTooLarge(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (status(t) == 413) {
        return true;
      }
    }
    return false;
  }

  static boolean isTransient(Throwable t) {
    if (t instanceof TransportException te) {
      return te.statusCode() <= 0 || BulkItemClassifier.isRetryableStatus(te.statusCode());
    }
    if (t instanceof ElasticsearchException ee) {
      return BulkItemClassifier.isRetryableStatus(ee.status());
    }
    if (t instanceof ResponseException re) {
      return BulkItemClassifier.isRetryableStatus(status(re));
    }
    return t instanceof IOException || t instanceof TimeoutException;
  }

  /** The HTTP status an exception carries, 0 when none. */
  private static int status(Throwable t) {
    if (t instanceof TransportException te) {
      return te.statusCode();
    }
    if (t instanceof ElasticsearchException ee) {
      return ee.status();
    }
    if (t instanceof ResponseException re) {
      return re.getResponse().getStatusLine().getStatusCode();
    }
    return 0;
  }

  /** The write to send again, or the failure that ends its budget. */
  private EsOperation retried(EsOperation op, long now, String why) {
    if (op.retryingSince() != 0 && now - op.retryingSince() >= budget.toMillis()) {
      throw new ElasticsearchSinkException("Elasticsearch has refused the write " + op.index()
          + "/" + op.id() + " for " + Duration.ofMillis(now - op.retryingSince()).toSeconds()
          + " s over " + (op.attempt() + 1) + " attempts, the whole retry budget"
          + " (sink.retry.budget=" + budget + "); last: " + why + ". The job fails and restarts"
          + " from its last checkpoint, which still holds the write", null);
    }
    return op.nextAttempt(now);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /**
   * The dead letter of a write that can never succeed. A dead letter has nowhere further to go:
   * if it cannot be written itself, the job fails (and restarts from its checkpoint) rather than
   * lose it.
   */
  private static EsOperation deadLetter(EsOperation op, String reason, String detail,
      int maxRawChars) {
    String source = new String(op.source(), StandardCharsets.UTF_8);
    if (op.isDeadLetter()) {
      throw new ElasticsearchSinkException("a dead letter could not be written to " + op.index()
          + " (" + detail + "): " + DeadLetter.bound(source, 512) + ". The job fails and"
          + " restarts from its last checkpoint rather than lose it", null);
    }
    DeadLetter letter = new DeadLetter(DeadLetter.bound(source, maxRawChars),
        DeadLetter.STAGE_SINK, reason, null, detail, Origin.document(op.index(), op.id()), null,
        Instant.now());
    return Documents.deadLetter(letter);
  }

  private static String describe(ItemResult item) {
    return item.status() + " " + item.errorType() + ": " + item.errorReason();
  }

  private static void add(Map<Tally, Integer> tallies, Tally t) {
    tallies.merge(t, 1, Integer::sum);
  }
}
