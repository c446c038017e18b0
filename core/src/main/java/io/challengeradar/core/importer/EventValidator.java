package io.challengeradar.core.importer;

import io.challengeradar.core.event.CodecOptions;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Makes sure an importer never hands on an event the codec would refuse: each event is encoded and
 * decoded again with the same codec the output is read with, and the decoded event (hashtags
 * normalised as the codec does) is what goes on. A refusal names the source field behind the
 * event field that failed.
 */
final class EventValidator {
  private final EventCodec codec;

  EventValidator(EventCodec codec) {
    this.codec = codec;
  }

  EventCodec codec() {
    return codec;
  }

  /** An event as the codec read it back, with the canonical line it was read from. */
  record Checked(Event event, String line) {}

  /**
   * The events as the codec reads them back, or a {@link RowException} for the first one it
   * refuses.
   *
   * @param sourceField maps an event field name ({@code caption}) to the source field behind it
   */
  List<Checked> validate(List<Event> events, UnaryOperator<String> sourceField)
      throws RowException {
    if (events.size() == 1) {
      return List.of(roundTrip(events.get(0), sourceField));
    }
    Checked[] out = new Checked[events.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = roundTrip(events.get(i), sourceField);
    }
    return List.of(out);
  }

  private Checked roundTrip(Event event, UnaryOperator<String> sourceField)
      throws RowException {
    String line = codec.encode(event);
    Event back;
    try {
      back = codec.decode(line);
    } catch (InvalidEventException e) {
      String field = e.field();
      if (!InvalidEventException.WHOLE_LINE.equals(field)) {
        String base = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
        field = sourceField.apply(base);
      }
      throw new RowException(field, e.reason());
    }
    // Decoding normalises (hashtags); the line written must be the one of the decoded event.
    return new Checked(back, back.equals(event) ? line : codec.encode(back));
  }

  /**
   * Whether the codec accepts {@code t} as an event time: not before its earliest time and not
   * further in the future than its clock skew allows. Used to find a file's newest valid time.
   */
  boolean acceptsTime(Instant t) {
    CodecOptions o = codec.options();
    return !t.isBefore(o.earliest()) && !t.isAfter(o.clock().instant().plus(o.maxFutureSkew()));
  }
}
