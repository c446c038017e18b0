package io.challengeradar.flink.model;

import io.challengeradar.core.event.Event;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A valid event together with the payload it was decoded from and its origin, so that any later
 * refusal (late, duplicate, orphan) can still dead-letter the record exactly as it arrived.
 */
@TypeInfo(SourcedEventTypeInfoFactory.class)
public record SourcedEvent(Event event, String raw, Origin origin) {

  public long timestampMillis() {
    return event.eventTime().toEpochMilli();
  }
}
