package io.challengeradar.flink.ops;

import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.SourcedEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Refuses events more than the allowed lateness behind the watermark, in the same chain as the
 * watermark assigner. Every window downstream waits the allowed lateness after its end and every
 * downstream watermark trails this one, so an event that passes here is never late later: this
 * is the one place the pipeline decides lateness.
 */
public final class LateEventFilter extends ProcessFunction<SourcedEvent, SourcedEvent> {
  private static final long serialVersionUID = 1L;

  private final long allowedLatenessMillis;
  private transient ReasonCounters outcomes;

  public LateEventFilter(Duration allowedLateness) {
    this.allowedLatenessMillis = allowedLateness.toMillis();
  }

  /** Late when the event time plus the allowed lateness does not reach past the watermark. */
  public static boolean isLate(long timestamp, long allowedLatenessMillis, long watermark) {
    return watermark != Long.MIN_VALUE && timestamp + allowedLatenessMillis <= watermark;
  }

  @Override
  public void open(OpenContext ctx) {
    outcomes = new ReasonCounters(getRuntimeContext().getMetricGroup(), "lateness");
  }

  @Override
  public void processElement(SourcedEvent e, Context ctx, Collector<SourcedEvent> out) {
    long watermark = ctx.timerService().currentWatermark();
    if (isLate(e.timestampMillis(), allowedLatenessMillis, watermark)) {
      outcomes.inc(DeadLetter.REASON_LATE);
      ctx.output(DeadLetters.TAG, DeadLetters.of(e, DeadLetter.STAGE_WATERMARK,
          DeadLetter.REASON_LATE,
          "event time " + e.event().eventTime() + " is more than " + Duration.ofMillis(
              allowedLatenessMillis) + " behind the watermark " + Instant.ofEpochMilli(watermark)));
      return;
    }
    outcomes.inc("on-time");
    out.collect(e);
  }
}
