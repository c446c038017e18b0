package io.challengeradar.flink.es;

/**
 * The sink cannot go on: a whole bulk request failed for a reason retries will not fix, or still
 * failed after the bounded retries. Failing the job lets Flink restart it from the last
 * checkpoint, which replays the writes, instead of dropping them.
 */
public final class ElasticsearchSinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ElasticsearchSinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
