package io.challengeradar.flink.model;

import java.time.Instant;

/**
 * A record the pipeline could not use, kept with everything needed to understand and replay it.
 *
 * @param raw the payload as received (or, for documents Elasticsearch refused, the document)
 * @param stage where it was refused: {@link #STAGE_PARSE}, {@link #STAGE_WATERMARK}, {@link
 *     #STAGE_JOIN}, {@link #STAGE_TREND} (a contribution to a trend window, not an input record:
 *     its event was applied to its video) or {@link #STAGE_SINK}
 * @param reason a short, stable code that metrics count by (see the REASON_* constants)
 * @param field the offending field, {@code $} for the whole record, null when not about a field
 * @param detail a sentence a person can act on
 * @param origin where the record came from
 * @param eventTime the record's event time when it had one, else null
 * @param at when the pipeline refused it (processing time; informational only)
 */
public record DeadLetter(
    String raw,
    String stage,
    String reason,
    String field,
    String detail,
    Origin origin,
    Instant eventTime,
    Instant at) {

  public static final String STAGE_PARSE = "parse";
  public static final String STAGE_WATERMARK = "watermark";
  public static final String STAGE_JOIN = "join";
  public static final String STAGE_TREND = "trend";
  public static final String STAGE_SINK = "sink";

  public static final String REASON_INVALID = "invalid";
  public static final String REASON_LATE = "late";
  public static final String REASON_DUPLICATE = "duplicate";
  public static final String REASON_SNAPSHOT_BEFORE_POST = "snapshot-before-post";
  public static final String REASON_ORPHAN_SNAPSHOT = "orphan-snapshot";
  public static final String REASON_EARLY_BUFFER_FULL = "early-buffer-full";
  public static final String REASON_WINDOW_CLOSED = "window-closed";
  public static final String REASON_REJECTED = "rejected-by-elasticsearch";
  public static final String REASON_RETRIES_EXHAUSTED = "retries-exhausted";

  /**
   * A deterministic id: a replay of the same record refused for the same reason overwrites its
   * dead letter instead of adding a second one.
   */
  public String id() {
    return Ids.hash(stage, reason, origin.kind(), origin.name(),
        Integer.toString(origin.partition()), Long.toString(origin.position()));
  }
}
