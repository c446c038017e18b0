package io.challengeradar.core.event;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The limits the codec enforces. Every limit has a named default so that a caller who changes one
 * does not silently change the others.
 *
 * @param maxLineBytes longest accepted line, in UTF-8 bytes; longer lines are refused unparsed
 * @param maxCaptionChars longest accepted caption, in chars
 * @param maxHashtagBytes longest accepted hashtag after normalisation, in UTF-8 bytes; it keeps
 *     every id built from a tag (windows, stages, alerts) under Elasticsearch's 512-byte limit
 * @param maxHashtags most hashtags one post may carry (after repeats are dropped); each becomes an
 *     activity, a window and state downstream
 * @param maxFutureSkew how far past the clock's now an event time may be (clock skew of sources)
 * @param earliest the earliest event time accepted; earlier ones are damaged dates
 * @param clock the clock "now" is read from
 */
public record CodecOptions(
    int maxLineBytes,
    int maxCaptionChars,
    int maxHashtagBytes,
    int maxHashtags,
    Duration maxFutureSkew,
    Instant earliest,
    Clock clock)
    implements Serializable {

  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_CAPTION_CHARS = 4_000;
  public static final int DEFAULT_MAX_HASHTAG_BYTES = 200;
  public static final int DEFAULT_MAX_HASHTAGS = 100;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
  public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * The largest {@link #maxHashtagBytes} allowed: a tag of this size still leaves room in a
   * 512-byte Elasticsearch id for its kind, stage name and a window time.
   */
  public static final int MAX_HASHTAG_BYTES_LIMIT = 400;

  public CodecOptions {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    if (maxCaptionChars < 0) {
      throw new IllegalArgumentException(
          "maxCaptionChars must not be negative, was " + maxCaptionChars);
    }
    if (maxHashtagBytes <= 0 || maxHashtagBytes > MAX_HASHTAG_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxHashtagBytes must be 1 to " + MAX_HASHTAG_BYTES_LIMIT + ", was " + maxHashtagBytes);
    }
    if (maxHashtags < 0) {
      throw new IllegalArgumentException("maxHashtags must not be negative, was " + maxHashtags);
    }
    if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must be zero or more, was " + maxFutureSkew);
    }
    if (earliest == null) {
      throw new IllegalArgumentException("earliest must be set");
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock must be set");
    }
  }

  public static CodecOptions defaults() {
    return new CodecOptions(
        DEFAULT_MAX_LINE_BYTES,
        DEFAULT_MAX_CAPTION_CHARS,
        DEFAULT_MAX_HASHTAG_BYTES,
        DEFAULT_MAX_HASHTAGS,
        DEFAULT_MAX_FUTURE_SKEW,
        DEFAULT_EARLIEST,
        Clock.systemUTC());
  }

  public CodecOptions withClock(Clock c) {
    return new CodecOptions(
        maxLineBytes, maxCaptionChars, maxHashtagBytes, maxHashtags, maxFutureSkew, earliest, c);
  }

  public CodecOptions withMaxCaptionChars(int chars) {
    return new CodecOptions(
        maxLineBytes, chars, maxHashtagBytes, maxHashtags, maxFutureSkew, earliest, clock);
  }

  public CodecOptions withMaxLineBytes(int bytes) {
    return new CodecOptions(
        bytes, maxCaptionChars, maxHashtagBytes, maxHashtags, maxFutureSkew, earliest, clock);
  }

  public CodecOptions withMaxHashtags(int count) {
    return new CodecOptions(
        maxLineBytes, maxCaptionChars, maxHashtagBytes, count, maxFutureSkew, earliest, clock);
  }
}
