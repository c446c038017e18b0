package io.challengeradar.flink.es;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one write per document in a bulk request: the one Elasticsearch would keep anyway.
 *
 * <p>A video is rewritten whole by every event applied to it, so a request often carries several
 * versions of one document; Elasticsearch indexes each of them and all but one are overwritten
 * (or refused as older) at once. The write kept is the highest external version (the later one on
 * a tie, which {@code external_gte} lets overwrite), or, for writes without a version, the last in
 * the request, which is the last to arrive. The index ends the same; the dropped writes are
 * counted as coalesced. One difference remains, on purpose: if the kept write is refused (a
 * mapping error), the older one it replaced is not indexed in its stead; the refusal is
 * dead-lettered as before.
 */
final class BulkCoalescer {
  private BulkCoalescer() {}

  /** The writes to send, in the order of the kept writes in {@code batch}. */
  static List<EsOperation> lastPerDocument(List<EsOperation> batch) {
    Map<String, Integer> kept = new HashMap<>(batch.size() * 2);
    boolean any = false;
    for (int i = 0; i < batch.size(); i++) {
      EsOperation op = batch.get(i);
      Integer before = kept.putIfAbsent(key(op), i);
      if (before != null) {
        any = true;
        if (wins(op, batch.get(before))) {
          kept.put(key(op), i);
        }
      }
    }
    if (!any) {
      return batch;
    }
    boolean[] send = new boolean[batch.size()];
    for (int i : kept.values()) {
      send[i] = true;
    }
    List<EsOperation> out = new ArrayList<>(kept.size());
    for (int i = 0; i < batch.size(); i++) {
      if (send[i]) {
        out.add(batch.get(i));
      }
    }
    return out;
  }

  /** Whether {@code later} replaces {@code earlier}, a write of the same document before it. */
  private static boolean wins(EsOperation later, EsOperation earlier) {
    if (later.version() == null || earlier.version() == null) {
      return true;
    }
    return later.version() >= earlier.version();
  }

  private static String key(EsOperation op) {
    return op.index() + '\u0000' + op.id();
  }
}
