package io.challengeradar.flink.es;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * Elasticsearch refused the sink's credentials or certificate, or denied it an index (401, 403,
 * TLS). Marked non-recoverable, so Flink fails the job once with this message instead of
 * restarting it from its checkpoint again and again: only a change of settings helps.
 *
 * <p>It carries only its message, no cause: the failure travels to the JobManager serialized, and
 * the client's exceptions hold HTTP responses that do not serialize. An exception that does not
 * serialize arrives as a plain {@code SerializedThrowable}, without this class's annotation, and
 * the job would restart after all.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class ElasticsearchAccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ElasticsearchAccessDenied(String message) {
    super(message);
  }
}
