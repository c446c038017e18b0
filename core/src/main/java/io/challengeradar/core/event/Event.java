package io.challengeradar.core.event;

import java.time.Instant;

/** One line of the canonical NDJSON stream: a post or an engagement observation of a video. */
public sealed interface Event permits Post, EngagementSnapshot {

  /** The video this event is about; the key that joins posts with their engagement series. */
  String videoId();

  /** When the event happened in the world (not when it was read): the stream's event time. */
  Instant eventTime();

  /** The wire value of the {@code type} field. */
  String type();
}
