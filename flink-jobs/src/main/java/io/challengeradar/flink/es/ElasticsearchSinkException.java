package io.challengeradar.flink.es;

/**
 * The sink cannot go on: a whole bulk request failed for a reason retries will not fix, a write
 * still failed when its retry budget ran out, or a dead letter could not be written. Failing the
 * job lets Flink restart it from the last checkpoint, which replays the writes, instead of
 * dropping them.
 */
public final class ElasticsearchSinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param cause the client's failure, or null when the message says all */
  public ElasticsearchSinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
