package io.challengeradar.flink.es;

import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInfo;

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
 */
@TypeInfo(EsOperationSerializer.Factory.class)
public record EsOperation(String index, String id, byte[] source, Long version, int attempt)
    implements Serializable {

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

  public static EsOperation of(String index, String id, byte[] source, Long version) {
    return new EsOperation(index, id, source, version, 0);
  }

  public EsOperation nextAttempt() {
    return new EsOperation(index, id, source, version, attempt + 1);
  }

  /** What this write costs on the wire, roughly: the document plus its action line. */
  public long sizeInBytes() {
    return source.length + index.length() + id.length() + 64L;
  }
}
