package io.challengeradar.flink.model;

import java.time.Instant;

/**
 * A record the pipeline could not use, kept with everything needed to understand and replay it.
 *
 * @param raw the payload as received (or, for documents Elasticsearch refused, the document), cut
 *     to {@link #MAX_RAW_CHARS} with a marker giving its whole size and hash (see {@link #bound})
 * @param stage where it was refused: {@link #STAGE_PARSE}, {@link #STAGE_WATERMARK}, {@link
 *     #STAGE_JOIN}, {@link #STAGE_TREND} (a contribution to a trend window, not an input record:
 *     its event was applied to its video), {@link #STAGE_ENRICHMENT} (a post the serving tier
 *     never answered for: applied to its video all the same, which stays pending) or {@link
 *     #STAGE_SINK}
 * @param reason a short, stable code that metrics count by (see the REASON_* constants)
 * @param field the offending field, {@code $} for the whole record, null when not about a field
 * @param detail a sentence a person can act on
 * @param origin where the record came from
 * @param eventTime the record's event time when it had one, else null
 * @param at when the pipeline refused it (processing time; informational only)
 * @param attempts calls made before giving up (enrichment: the first and every retry), else null
 */
public record DeadLetter(
    String raw,
    String stage,
    String reason,
    String field,
    String detail,
    Origin origin,
    Instant eventTime,
    Instant at,
    Integer attempts) {

  /**
   * The most characters of a payload a dead letter keeps. JSON escaping makes a character at most
   * six bytes ({@code \u0000}), so a kept payload stays under 1.5 MiB, inside the sink's 5 MiB
   * record limit whatever the input.
   */
  public static final int MAX_RAW_CHARS = 256 * 1024;

  public DeadLetter {
    raw = bound(raw);
  }

  /** A dead letter of no repeated attempts: every stage's but the enrichment's. */
  public DeadLetter(String raw, String stage, String reason, String field, String detail,
      Origin origin, Instant eventTime, Instant at) {
    this(raw, stage, reason, field, detail, origin, eventTime, at, null);
  }

  public static final String STAGE_PARSE = "parse";
  public static final String STAGE_WATERMARK = "watermark";
  public static final String STAGE_JOIN = "join";
  public static final String STAGE_TREND = "trend";
  public static final String STAGE_SINK = "sink";
  public static final String STAGE_ENRICHMENT = "enrichment";

  public static final String REASON_INVALID = "invalid";
  public static final String REASON_LATE = "late";
  /** More than {@code watermark.max-future-skew} ahead of the processing time. */
  public static final String REASON_FUTURE = "future";
  public static final String REASON_DUPLICATE = "duplicate";
  public static final String REASON_SNAPSHOT_BEFORE_POST = "snapshot-before-post";
  public static final String REASON_ORPHAN_SNAPSHOT = "orphan-snapshot";
  public static final String REASON_EARLY_BUFFER_FULL = "early-buffer-full";
  public static final String REASON_WINDOW_CLOSED = "window-closed";
  public static final String REASON_REJECTED = "rejected-by-elasticsearch";
  /** A document too large for a request on its own (413): its first characters are kept. */
  public static final String REASON_TOO_LARGE = "too-large";
  /**
   * Written by earlier versions when a busy cluster outlasted a few seconds of retries; the sink
   * now waits out its retry budget and fails the job past it, so only old dead letters carry it
   * ({@code radar deadletters replay --reason retries-exhausted} re-submits them).
   */
  public static final String REASON_RETRIES_EXHAUSTED = "retries-exhausted";

  // Enrichment give-ups, by the failure of the last attempt.
  /** No answer within {@code enrichment.timeout}. */
  public static final String REASON_SERVING_TIMEOUT = "serving-timeout";
  /** No connection to the serving tier. */
  public static final String REASON_SERVING_UNREACHABLE = "serving-unreachable";
  /** The serving tier shed the call (429, 503). */
  public static final String REASON_SERVING_OVERLOADED = "serving-overloaded";
  /** The serving tier refused the call with another status (4xx, 5xx), or the client did. */
  public static final String REASON_SERVING_REFUSED = "serving-refused";
  /** An answer that could not be read or did not fit the question. */
  public static final String REASON_SERVING_BAD_ANSWER = "serving-bad-answer";

  /**
   * A deterministic id: a replay of the same record refused for the same reason overwrites its
   * dead letter instead of adding a second one. An enrichment give-up is one per post whatever its
   * reason: the reason is the last attempt's failure, which a run after a restore may see differ.
   */
  public String id() {
    if (STAGE_ENRICHMENT.equals(stage)) {
      return Ids.hash(stage, origin.kind(), origin.name(), Integer.toString(origin.partition()),
          Long.toString(origin.position()));
    }
    return Ids.hash(stage, reason, origin.kind(), origin.name(),
        Integer.toString(origin.partition()), Long.toString(origin.position()));
  }

  /**
   * {@code raw} as it is when it has at most {@link #MAX_RAW_CHARS} characters; else its first
   * characters (never half a surrogate pair) followed by a marker such as {@code ...[cut: 900000
   * UTF-8 bytes in all, hash 3f2a...]}, so that an operator sees how large it was and can match
   * it to its source.
   */
  public static String bound(String raw) {
    return bound(raw, MAX_RAW_CHARS);
  }

  /** {@code raw} cut to {@code maxChars} characters and the marker, as {@link #bound(String)}. */
  public static String bound(String raw, int maxChars) {
    if (raw == null || raw.length() <= maxChars) {
      return raw;
    }
    int keep = maxChars;
    if (Character.isHighSurrogate(raw.charAt(keep - 1))) {
      keep--;
    }
    return raw.substring(0, keep)
        + "...[cut: " + Ids.utf8Length(raw)
        + " UTF-8 bytes in all, hash " + Ids.hash(raw) + "]";
  }
}
