package io.challengeradar.flink.es;

import java.io.Serializable;

/**
 * One document write: the whole document under a deterministic id, so that writing it again
 * (a replay after restore, a retry) leaves the index as it was.
 *
 * @param index target index
 * @param id document id
 * @param source the document as JSON bytes
 * @param version external version, or null to overwrite unconditionally; with a version,
 *     Elasticsearch keeps the highest one written (external_gte), so a write reordered behind a
 *     newer one is refused as a conflict instead of going backwards
 * @param attempt how many times this write has been sent and failed retryably
 * @param retryingSince when it first failed retryably (epoch milliseconds), 0 while it has not;
 *     the retry budget runs from here. Not checkpointed: a write restored from a checkpoint
 *     starts a fresh budget, since the job that restored it is a new attempt as a whole
 */
public record EsOperation(String index, String id, byte[] source, Long version, int attempt,
    long retryingSince) implements Serializable {

  public EsOperation {
    if (index == null || index.isBlank()) {
      throw new IllegalArgumentException("index must be set");
    }
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id must be set");
    }
    if (source == null) {
      throw new IllegalArgumentException("source must be set");
    }
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be zero or more, was " + attempt);
    }
  }

  /** A write with its attempts so far and no retry budget running yet. */
  public EsOperation(String index, String id, byte[] source, Long version, int attempt) {
    this(index, id, source, version, attempt, 0);
  }

  public static EsOperation of(String index, String id, byte[] source, Long version) {
    return new EsOperation(index, id, source, version, 0);
  }

  public EsOperation nextAttempt() {
    return nextAttempt(System.currentTimeMillis());
  }

  /** The same write after one more retryable failure at {@code now} (epoch milliseconds). */
  public EsOperation nextAttempt(long now) {
    return new EsOperation(index, id, source, version, attempt + 1,
        retryingSince == 0 ? now : retryingSince);
  }

  /** Whether this is a write of a dead letter, which has nowhere further to go if refused. */
  public boolean isDeadLetter() {
    return io.challengeradar.contract.Index.DEADLETTER.indexName().equals(index);
  }

  /** What this write costs on the wire, roughly: the document plus its action line. */
  public long sizeInBytes() {
    return source.length + index.length() + id.length() + 64L;
  }
}
