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
 * @param maxFutureSkew how far past the clock's now an event time may be (clock skew of sources)
 * @param earliest the earliest event time accepted; earlier ones are damaged dates
 * @param clock the clock "now" is read from
 */
public record CodecOptions(
    int maxLineBytes, int maxCaptionChars, Duration maxFutureSkew, Instant earliest, Clock clock)
    implements Serializable {

  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_CAPTION_CHARS = 4_000;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
  public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  public CodecOptions {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    if (maxCaptionChars < 0) {
      throw new IllegalArgumentException(
          "maxCaptionChars must not be negative, was " + maxCaptionChars);
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
        DEFAULT_MAX_FUTURE_SKEW,
        DEFAULT_EARLIEST,
        Clock.systemUTC());
  }

  public CodecOptions withClock(Clock c) {
    return new CodecOptions(maxLineBytes, maxCaptionChars, maxFutureSkew, earliest, c);
  }

  public CodecOptions withMaxCaptionChars(int chars) {
    return new CodecOptions(maxLineBytes, chars, maxFutureSkew, earliest, clock);
  }

  public CodecOptions withMaxLineBytes(int bytes) {
    return new CodecOptions(bytes, maxCaptionChars, maxFutureSkew, earliest, clock);
  }
}
