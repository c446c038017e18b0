package io.challengeradar.core.importer;

import io.challengeradar.core.event.Event;
import java.io.IOException;

/** Where an importer puts the events it converted, in source order. */
@FunctionalInterface
public interface EventSink {

  void accept(Event event) throws IOException;

  /**
   * What importers call: the event together with its canonical NDJSON line (no newline), as the
   * codec wrote it while checking the event, so a sink that writes NDJSON need not encode it
   * again. By default the line is ignored.
   */
  default void accept(Event event, String line) throws IOException {
    accept(event);
  }
}
