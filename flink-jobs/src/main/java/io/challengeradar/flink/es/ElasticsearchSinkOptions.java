package io.challengeradar.flink.es;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the Elasticsearch sink.
 *
 * @param hosts node URLs such as {@code http://localhost:9200}
 * @param maxBatchSize most writes per bulk request
 * @param maxBatchBytes most bytes per bulk request
 * @param maxInFlightRequests bulk requests in flight at once per sink subtask
 * @param maxBufferedRequests writes buffered before the sink applies back pressure
 * @param maxTimeInBuffer longest a write waits for its batch to fill
 * @param maxRetries retries of a retryable write before it is dead-lettered (or, for a whole
 *     request, before the job fails and restarts from its checkpoint)
 * @param initialBackoff wait before the first retry; doubles per attempt
 * @param maxBackoff the longest wait between retries
 * @param connectTimeout TCP connect timeout
 * @param socketTimeout how long a bulk request may take before it counts as timed out
 */
public record ElasticsearchSinkOptions(
    List<String> hosts,
    int maxBatchSize,
    long maxBatchBytes,
    int maxInFlightRequests,
    int maxBufferedRequests,
    Duration maxTimeInBuffer,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration socketTimeout)
    implements Serializable {

  public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
  public static final long DEFAULT_MAX_BATCH_BYTES = 5L << 20;
  public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 4;
  public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
  public static final Duration DEFAULT_MAX_TIME_IN_BUFFER = Duration.ofMillis(200);
  public static final int DEFAULT_MAX_RETRIES = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

  public ElasticsearchSinkOptions {
    if (hosts == null || hosts.isEmpty()) {
      throw new IllegalArgumentException("hosts must name at least one Elasticsearch URL");
    }
    for (String h : hosts) {
      URI uri = URI.create(h);
      if (uri.getHost() == null || uri.getPort() < 0 || uri.getScheme() == null) {
        throw new IllegalArgumentException(
            "hosts: '" + h + "' is not a URL like http://localhost:9200");
      }
    }
    hosts = List.copyOf(hosts);
    positive("maxBatchSize", maxBatchSize);
    positive("maxBatchBytes", maxBatchBytes);
    positive("maxInFlightRequests", maxInFlightRequests);
    if (maxBufferedRequests <= maxBatchSize) {
      throw new IllegalArgumentException("maxBufferedRequests must be above maxBatchSize ("
          + maxBatchSize + "), was " + maxBufferedRequests);
    }
    positive("maxTimeInBuffer", maxTimeInBuffer);
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be zero or more, was " + maxRetries);
    }
    positive("initialBackoff", initialBackoff);
    positive("maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be at least initialBackoff ("
          + initialBackoff + "), was " + maxBackoff);
    }
    positive("connectTimeout", connectTimeout);
    positive("socketTimeout", socketTimeout);
  }

  public static ElasticsearchSinkOptions defaults(List<String> hosts) {
    return new ElasticsearchSinkOptions(hosts, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES,
        DEFAULT_MAX_IN_FLIGHT_REQUESTS, DEFAULT_MAX_BUFFERED_REQUESTS, DEFAULT_MAX_TIME_IN_BUFFER,
        DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
  }

  /**
   * The framework's own timeout for one submitted batch: a request, its longest backoff and a
   * margin. Past it the job fails (a batch stuck that long means the cluster is not coming back).
   */
  public Duration batchTimeout() {
    return socketTimeout.plus(maxBackoff).plusSeconds(30);
  }

  public BulkOutcomes outcomes() {
    return new BulkOutcomes(maxRetries, initialBackoff.toMillis(), maxBackoff.toMillis());
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
    }
  }
}
