package io.challengeradar.flink.ops;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.RawRecord;
import io.challengeradar.flink.model.SourcedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes each raw record with core's strict codec. Valid events go on with their payload and
 * origin; anything else goes to {@link DeadLetters#TAG} with the codec's field and reason.
 */
public final class ParseEvents extends ProcessFunction<RawRecord, SourcedEvent> {
  private static final long serialVersionUID = 1L;

  private final EventCodec codec;
  private transient ReasonCounters outcomes;

  public ParseEvents(EventCodec codec) {
    this.codec = codec;
  }

  @Override
  public void open(OpenContext ctx) {
    outcomes = new ReasonCounters(getRuntimeContext().getMetricGroup(), "parse");
  }

  @Override
  public void processElement(RawRecord in, Context ctx, Collector<SourcedEvent> out) {
    Event event;
    try {
      event = codec.decode(in.payload() == null ? new byte[0] : in.payload());
    } catch (InvalidEventException e) {
      outcomes.inc(DeadLetter.REASON_INVALID);
      ctx.output(DeadLetters.TAG, DeadLetters.of(in.text(), DeadLetter.STAGE_PARSE,
          DeadLetter.REASON_INVALID, e.field(), e.reason(), in.origin(), null));
      return;
    }
    outcomes.inc(event.type());
    out.collect(new SourcedEvent(event, in.text(), in.origin()));
  }
}
