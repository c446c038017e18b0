package io.challengeradar.flink.es;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * Elasticsearch refused the sink's credentials or certificate, or denied it an index (401, 403,
 * TLS). Marked non-recoverable, so Flink fails the job once with this message instead of
 * restarting it from its checkpoint again and again: only a change of settings helps.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class ElasticsearchAccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ElasticsearchAccessDenied(String message, Throwable cause) {
    super(message, cause);
  }
}
