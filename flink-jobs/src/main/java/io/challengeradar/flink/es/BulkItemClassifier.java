package io.challengeradar.flink.es;

import java.util.Set;

/**
 * Decides what a failed write deserves. Retryable: the cluster is busy or briefly unavailable
 * (429, 5xx, request timeouts, rejected executions, tripped breakers, shards not ready), so the
 * same write can succeed later. Conflict: a newer version of the document is already there, which
 * is the outcome we want. Denied: 401 or 403, the sink's user may not write there; no write will
 * succeed until the settings or the user's privileges change. Fatal: everything else (mapping and parse errors, bad requests); sending
 * it again would fail again.
 */
public final class BulkItemClassifier {

  /** What to do with one write. */
  public enum Outcome {
    SUCCESS,
    SUPERSEDED,
    RETRYABLE,
    DENIED,
    FATAL
  }

  private static final Set<String> RETRYABLE_TYPES = Set.of(
      "es_rejected_execution_exception",
      "circuit_breaking_exception",
      "timeout_exception",
      "receive_timeout_transport_exception",
      "process_cluster_event_timeout_exception",
      "unavailable_shards_exception",
      "no_shard_available_action_exception",
      "node_not_connected_exception",
      "node_closed_exception",
      "connect_transport_exception");

  private BulkItemClassifier() {}

  /**
   * @param status the item's HTTP status
   * @param errorType Elasticsearch's error type for the item, null when it has none
   */
  public static Outcome classify(int status, String errorType) {
    if (status >= 200 && status < 300 && errorType == null) {
      return Outcome.SUCCESS;
    }
    if (status == 409 && "version_conflict_engine_exception".equals(errorType)) {
      return Outcome.SUPERSEDED;
    }
    if (status == 401 || status == 403) {
      return Outcome.DENIED;
    }
    if (status == 429 || status == 408 || status >= 500
        || (errorType != null && RETRYABLE_TYPES.contains(errorType))) {
      return Outcome.RETRYABLE;
    }
    return Outcome.FATAL;
  }

  /** Whether a whole bulk request that failed with this HTTP status may be sent again. */
  public static boolean isRetryableStatus(int status) {
    return status == 429 || status == 408 || status >= 500;
  }
}
