package io.challengeradar.core.importer;

import io.challengeradar.core.event.Event;
import java.util.List;

/** Turns one source row of a known layout into events; one instance per file. */
interface RowMapper<R> {

  /** The events of one row (never empty), or a {@link RowException} naming the bad field. */
  List<Event> map(R row) throws RowException;

  /** The source field behind an event field ({@code caption} to {@code video_desc}). */
  String sourceField(String eventField);

  /** Told once the row's events passed validation and were handed on. */
  default void converted(List<Event> events) {}
}
