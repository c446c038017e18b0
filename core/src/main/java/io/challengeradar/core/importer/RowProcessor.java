package io.challengeradar.core.importer;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The per-row outcome logic every importer shares: map, validate, hand on all of a row's events or
 * none of them, and count. A row whose mapping or validation fails becomes one reject.
 */
final class RowProcessor {
  private final EventValidator validator;
  private final EventSink events;
  private final RejectSink rejects;
  private final Progress progress;
  private long read;
  private long converted;
  private long rejected;
  private long emitted;

  RowProcessor(EventValidator validator, EventSink events, RejectSink rejects, Progress progress) {
    this.validator = validator;
    this.events = events;
    this.rejects = rejects;
    this.progress = progress;
  }

  <R> void process(String source, long line, R row, RowMapper<R> mapper, Supplier<String> raw)
      throws IOException {
    process(source, line, "", row, mapper, raw);
  }

  /**
   * @param fieldPrefix put before the field name of a reject, to say where in the record it is
   *     ({@code collector[17].} for the 18th item of a JSON array)
   */
  <R> void process(String source, long line, String fieldPrefix, R row, RowMapper<R> mapper,
      Supplier<String> raw) throws IOException {
    List<EventValidator.Checked> out;
    try {
      out = validator.validate(mapper.map(row), mapper::sourceField);
    } catch (RowException e) {
      reject(source, line, fieldPrefix + e.field(), e.reason(), raw.get());
      return;
    }
    read++;
    progress.advance(1);
    List<Event> handedOn = new ArrayList<>(out.size());
    for (EventValidator.Checked c : out) {
      events.accept(c.event(), c.line());
      handedOn.add(c.event());
    }
    emitted += out.size();
    converted++;
    mapper.converted(handedOn);
  }

  /** Counts a row read and rejected. */
  void reject(String source, long line, String field, String reason, String raw)
      throws IOException {
    read++;
    rejected++;
    progress.advance(1);
    rejects.accept(new Reject(source, line, field, reason, raw));
  }

  ImportStats stats() {
    return new ImportStats(read, converted, rejected, emitted);
  }
}
