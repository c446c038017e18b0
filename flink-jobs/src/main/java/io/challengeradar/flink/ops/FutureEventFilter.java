package io.challengeradar.flink.ops;

import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.SourcedEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The time guard: refuses events whose event time, or whose record timestamp (a Kafka record's,
 * from which the source makes its watermarks), is more than {@code maxFutureSkew} ahead of the
 * job's processing time. They are dead-lettered as {@code future} (stage watermark) and counted
 * under {@code time-guard}.
 *
 * <p>It runs right after parsing, in the same chain. For file replays the watermarks are assigned
 * after it, so a refused event never reaches them. For Kafka the watermarks are made in the source
 * by {@link EagerBoundedOutOfOrderness} with the same guard, which has already ignored the record
 * (it read the clock a moment earlier, so whatever is refused here was ignored there). "Now" is
 * the task manager's clock: clocks that disagree by a good part of the skew make the guard
 * disagree between task managers.
 */
public final class FutureEventFilter extends ProcessFunction<SourcedEvent, SourcedEvent> {
  private static final long serialVersionUID = 1L;

  private final long maxFutureSkewMillis;
  private transient ReasonCounters outcomes;

  public FutureEventFilter(Duration maxFutureSkew) {
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative, was " + maxFutureSkew);
    }
    this.maxFutureSkewMillis = maxFutureSkew.toMillis();
  }

  /** Whether {@code timestamp} is more than {@code maxFutureSkewMillis} ahead of {@code now}. */
  public static boolean isFuture(long timestamp, long now, long maxFutureSkewMillis) {
    // Written so that no timestamp (Long.MIN_VALUE for none, say) can overflow.
    return timestamp > now && timestamp - now > maxFutureSkewMillis;
  }

  @Override
  public void open(OpenContext ctx) {
    outcomes = new ReasonCounters(getRuntimeContext().getMetricGroup(), "time-guard");
  }

  @Override
  public void processElement(SourcedEvent e, Context ctx, Collector<SourcedEvent> out) {
    long now = ctx.timerService().currentProcessingTime();
    String refusal = null;
    String field = null;
    if (isFuture(e.timestampMillis(), now, maxFutureSkewMillis)) {
      field = e.event() instanceof Post ? "createdAt" : "observedAt";
      refusal = "event time " + e.event().eventTime();
    } else if (ctx.timestamp() != null && isFuture(ctx.timestamp(), now, maxFutureSkewMillis)) {
      refusal = "record timestamp " + Instant.ofEpochMilli(ctx.timestamp());
    }
    if (refusal == null) {
      out.collect(e);
      return;
    }
    outcomes.inc(DeadLetter.REASON_FUTURE);
    ctx.output(DeadLetters.TAG, DeadLetters.of(e.raw(), DeadLetter.STAGE_WATERMARK,
        DeadLetter.REASON_FUTURE, field, refusal + " is more than "
            + Duration.ofMillis(maxFutureSkewMillis) + " ahead of the processing time "
            + Instant.ofEpochMilli(now) + " (watermark.max-future-skew)", e.origin(),
        e.event().eventTime()));
  }
}
