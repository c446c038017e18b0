package io.challengeradar.flink.es;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.es.BulkItemClassifier.Outcome;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What to do after a bulk request, decided without any I/O so it can be tested on its own: which
 * writes to send again (after a backoff), which to turn into dead letters with Elasticsearch's
 * reason, and how many of each outcome to count.
 */
public final class BulkOutcomes {

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
    RETRIES_EXHAUSTED,
    DEAD_LETTER_LOST,
    /** Not sent: a later write of the same document in the same request replaced it. */
    COALESCED
  }

  /**
   * The decision for one bulk response.
   *
   * @param retry writes to send again, their attempt already counted
   * @param deadLetters dead-letter writes replacing writes that will never succeed
   * @param lost dead-letter writes that were themselves refused: logged and counted, nowhere left
   * @param backoffMillis how long to wait before the retries go out
   */
  public record Plan(
      List<EsOperation> retry,
      List<EsOperation> deadLetters,
      List<EsOperation> lost,
      Map<Tally, Integer> tallies,
      long backoffMillis) {

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

  private final int maxRetries;
  private final long initialBackoffMillis;
  private final long maxBackoffMillis;

  public BulkOutcomes(int maxRetries, long initialBackoffMillis, long maxBackoffMillis) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be zero or more, was " + maxRetries);
    }
    if (initialBackoffMillis <= 0 || maxBackoffMillis < initialBackoffMillis) {
      throw new IllegalArgumentException("backoff must satisfy 0 < initial <= max, was "
          + initialBackoffMillis + " and " + maxBackoffMillis);
    }
    this.maxRetries = maxRetries;
    this.initialBackoffMillis = initialBackoffMillis;
    this.maxBackoffMillis = maxBackoffMillis;
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
    Map<Tally, Integer> tallies = new EnumMap<>(Tally.class);
    List<EsOperation> retry = new ArrayList<>();
    List<EsOperation> deadLetters = new ArrayList<>();
    List<EsOperation> lost = new ArrayList<>();
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
          if (op.attempt() < maxRetries) {
            add(tallies, Tally.RETRIED);
            EsOperation next = op.nextAttempt();
            maxAttempt = Math.max(maxAttempt, next.attempt());
            retry.add(next);
          } else {
            add(tallies, Tally.RETRIES_EXHAUSTED);
            refuse(op, DeadLetter.REASON_RETRIES_EXHAUSTED,
                "still failing after " + (op.attempt() + 1) + " attempts: " + describe(item),
                deadLetters, lost, tallies);
          }
          break;
        default:
          add(tallies, Tally.REJECTED);
          refuse(op, DeadLetter.REASON_REJECTED, describe(item), deadLetters, lost, tallies);
          break;
      }
    }
    return new Plan(retry, deadLetters, lost, tallies,
        retry.isEmpty() ? 0 : backoffMillis(maxAttempt));
  }

  /**
   * The plan when the whole request failed. Transient failures retry every write within the same
   * bound; anything else, or a bound reached, is an {@link ElasticsearchSinkException} so that the
   * job restarts from its checkpoint rather than dead-lettering writes that did nothing wrong.
   */
  public Plan onRequestFailure(List<EsOperation> sent, Throwable error) {
    Throwable cause = unwrap(error);
    if (!isTransient(cause)) {
      throw new ElasticsearchSinkException("bulk request failed and cannot be retried: " + cause,
          cause);
    }
    int attempt = 0;
    for (EsOperation op : sent) {
      attempt = Math.max(attempt, op.attempt());
    }
    if (attempt >= maxRetries) {
      throw new ElasticsearchSinkException("bulk request still failing after " + (attempt + 1)
          + " attempts: " + cause, cause);
    }
    List<EsOperation> retry = new ArrayList<>(sent.size());
    for (EsOperation op : sent) {
      retry.add(op.nextAttempt());
    }
    Map<Tally, Integer> tallies = new EnumMap<>(Tally.class);
    tallies.put(Tally.RETRIED, sent.size());
    return new Plan(retry, List.of(), List.of(), tallies, backoffMillis(attempt + 1));
  }

  static boolean isTransient(Throwable t) {
    if (t instanceof TransportException te) {
      return te.statusCode() <= 0 || BulkItemClassifier.isRetryableStatus(te.statusCode());
    }
    if (t instanceof ElasticsearchException ee) {
      return BulkItemClassifier.isRetryableStatus(ee.status());
    }
    return t instanceof IOException || t instanceof TimeoutException;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static void refuse(EsOperation op, String reason, String detail,
      List<EsOperation> deadLetters, List<EsOperation> lost, Map<Tally, Integer> tallies) {
    if (Index.DEADLETTER.indexName().equals(op.index())) {
      add(tallies, Tally.DEAD_LETTER_LOST);
      lost.add(op);
      return;
    }
    DeadLetter letter = new DeadLetter(new String(op.source(), StandardCharsets.UTF_8),
        DeadLetter.STAGE_SINK, reason, null, detail, Origin.document(op.index(), op.id()), null,
        Instant.now());
    deadLetters.add(Documents.deadLetter(letter));
  }

  private static String describe(ItemResult item) {
    return item.status() + " " + item.errorType() + ": " + item.errorReason();
  }

  private static void add(Map<Tally, Integer> tallies, Tally t) {
    tallies.merge(t, 1, Integer::sum);
  }
}
