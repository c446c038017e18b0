package io.challengeradar.flink.ops;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness that advances the watermark with the event that moves it rather than
 * on a periodic timer. Lateness is decided against the watermark, so a periodic one would make a
 * replay's dead letters depend on how fast it ran; this way the same input refuses the same
 * events every time. The cost is one watermark per advancing event, which downstream operators
 * absorb cheaply because a watermark that does not move the minimum is not forwarded.
 */
public final class EagerBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {
  private final long outOfOrdernessMillis;
  private long maxTimestamp = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  public EagerBoundedOutOfOrderness(Duration outOfOrderness) {
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
  }

  @Override
  public void onEvent(T event, long timestamp, WatermarkOutput output) {
    if (timestamp > maxTimestamp) {
      maxTimestamp = timestamp;
      long next = maxTimestamp - outOfOrdernessMillis - 1;
      if (next > emitted) {
        emitted = next;
        output.emitWatermark(new Watermark(next));
      }
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // Nothing: every advance was emitted in onEvent.
  }
}
