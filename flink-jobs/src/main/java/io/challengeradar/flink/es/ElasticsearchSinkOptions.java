package io.challengeradar.flink.es;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the Elasticsearch sink ({@code elasticsearch.*} and {@code sink.*}). The record
 * travels to the task managers with the job; the writer builds its client there, in its
 * constructor, from {@code access} (whose {@code toString} masks the secrets).
 *
 * @param access the nodes, credentials and CA
 * @param maxBatchSize most writes per bulk request
 * @param maxBatchBytes most bytes per bulk request
 * @param maxInFlightRequests bulk requests in flight at once per sink subtask
 * @param maxBufferedRequests writes buffered before the sink applies back pressure
 * @param maxTimeInBuffer longest a write waits for its batch to fill
 * @param retryBudget how long a write refused retryably (429, 5xx, no connection) is retried,
 *     from its first failure, before the job fails and restarts from its checkpoint
 * @param initialBackoff wait before the first retry; doubles per attempt
 * @param maxBackoff the longest wait between retries
 * @param connectTimeout TCP connect timeout
 * @param socketTimeout how long a bulk request may take before it counts as timed out
 * @param videoCoalesce how long a video's document waits for later changes before it is written
 *     (only its newest is); zero writes every change at once
 */
public record ElasticsearchSinkOptions(
    ElasticsearchAccess access,
    int maxBatchSize,
    long maxBatchBytes,
    int maxInFlightRequests,
    int maxBufferedRequests,
    Duration maxTimeInBuffer,
    Duration retryBudget,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration videoCoalesce)
    implements Serializable {

  public static final Option<Integer> MAX_BATCH_SIZE = Option.key("sink.bulk.max-actions")
      .intType().defaultValue(1_000).positive()
      .description("Most writes per bulk request.");
  public static final Option<Long> MAX_BATCH_BYTES = Option.key("sink.bulk.max-bytes").longType()
      .defaultValue(5L << 20).positive()
      .description("Most bytes per bulk request.");
  public static final Option<Integer> MAX_IN_FLIGHT = Option.key("sink.bulk.max-in-flight")
      .intType().defaultValue(4).positive()
      .description("Bulk requests in flight at once per sink subtask.");
  public static final Option<Integer> MAX_BUFFERED = Option.key("sink.buffer.max-writes")
      .intType().defaultValue(10_000).positive()
      .description("Writes buffered before the sink applies back pressure (above"
          + " sink.bulk.max-actions).");
  public static final Option<Duration> MAX_TIME_IN_BUFFER = Option.key("sink.buffer.max-time")
      .durationType().defaultValue(Duration.ofMillis(200)).positive()
      .description("Longest a write waits for its bulk request to fill.");
  public static final Option<Duration> RETRY_BUDGET = Option.key("sink.retry.budget")
      .durationType().defaultValue(Duration.ofMinutes(5)).positive()
      .description("How long a write that Elasticsearch refuses for now (429, 5xx, a request"
          + " that fails or gets no connection) is retried, from its first failure, with"
          + " exponential backoff; meanwhile the sink holds back and the job slows down. Past"
          + " it the job fails and restarts from its last checkpoint; nothing is dead-lettered"
          + " for a busy or unreachable cluster.");
  public static final Option<Duration> INITIAL_BACKOFF = Option.key("sink.retry.initial-backoff")
      .durationType().defaultValue(Duration.ofMillis(100)).positive()
      .description("Wait before the first retry; doubles per attempt.");
  public static final Option<Duration> MAX_BACKOFF = Option.key("sink.retry.max-backoff")
      .durationType().defaultValue(Duration.ofSeconds(5)).positive()
      .description("The longest wait between retries.");
  public static final Option<Duration> CONNECT_TIMEOUT = Option.key("sink.connect-timeout")
      .durationType().defaultValue(Duration.ofSeconds(5)).positive()
      .description("TCP connect timeout.");
  public static final Option<Duration> SOCKET_TIMEOUT = Option.key("sink.socket-timeout")
      .durationType().defaultValue(Duration.ofSeconds(30)).positive()
      .description("How long a bulk request may take before it counts as timed out.");

  public static final Option<Duration> VIDEO_COALESCE = Option.key("sink.video.coalesce")
      .durationType().defaultValue(Duration.ZERO).notNegative()
      .description("How long a video's document waits, in processing time, for later changes of"
          + " the same video before it is written; only the newest is written, so a burst of"
          + " engagement snapshots costs one write. The waiting documents are checkpointed state."
          + " 0s: every change is written at once.");

  public static final OptionGroup GROUP = CommonOptions.ELASTICSEARCH.with("sink",
      "The Elasticsearch sink: where the job writes and how it authenticates, bulk requests,"
          + " buffering and retries.",
      OptionGroup.of("sink-only", "sink.*", MAX_BATCH_SIZE, MAX_BATCH_BYTES, MAX_IN_FLIGHT,
          MAX_BUFFERED, MAX_TIME_IN_BUFFER, RETRY_BUDGET, INITIAL_BACKOFF, MAX_BACKOFF,
          CONNECT_TIMEOUT, SOCKET_TIMEOUT, VIDEO_COALESCE));

  public ElasticsearchSinkOptions {
    java.util.Objects.requireNonNull(access, "access");
    if (maxBufferedRequests <= maxBatchSize) {
      throw new ConfigException(MAX_BUFFERED + " must be above " + MAX_BATCH_SIZE + " ("
          + maxBatchSize + "), was " + maxBufferedRequests);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ConfigException(MAX_BACKOFF + " must be at least " + INITIAL_BACKOFF
          + " (" + initialBackoff + "), was " + maxBackoff);
    }
  }

  public static ElasticsearchSinkOptions from(Config c) {
    return new ElasticsearchSinkOptions(ElasticsearchAccess.from(c),
        c.get(MAX_BATCH_SIZE), c.get(MAX_BATCH_BYTES), c.get(MAX_IN_FLIGHT), c.get(MAX_BUFFERED),
        c.get(MAX_TIME_IN_BUFFER), c.get(RETRY_BUDGET), c.get(INITIAL_BACKOFF), c.get(MAX_BACKOFF),
        c.get(CONNECT_TIMEOUT), c.get(SOCKET_TIMEOUT), c.get(VIDEO_COALESCE));
  }

  /** The defaults, writing to the nodes of {@code access} with its credentials and CA. */
  public static ElasticsearchSinkOptions defaults(ElasticsearchAccess access) {
    ElasticsearchSinkOptions d = defaults(access.hosts());
    return new ElasticsearchSinkOptions(access, d.maxBatchSize, d.maxBatchBytes,
        d.maxInFlightRequests, d.maxBufferedRequests, d.maxTimeInBuffer, d.retryBudget,
        d.initialBackoff, d.maxBackoff, d.connectTimeout, d.socketTimeout, d.videoCoalesce);
  }

  /** The defaults, writing to {@code hosts}. */
  public static ElasticsearchSinkOptions defaults(List<String> hosts) {
    return from(Config.defaults(GROUP).with(CommonOptions.ELASTICSEARCH_HOSTS, hosts, "caller"));
  }

  /** The node URLs written to. */
  public List<String> hosts() {
    return access.hosts();
  }

  /**
   * The framework's own timeout for one submitted batch: a request, its longest backoff and a
   * margin. Past it the job fails (a batch stuck that long means the cluster is not coming back).
   */
  public Duration batchTimeout() {
    return socketTimeout.plus(maxBackoff).plusSeconds(30);
  }

  public BulkOutcomes outcomes() {
    return new BulkOutcomes(retryBudget, initialBackoff.toMillis(), maxBackoff.toMillis());
  }
}
