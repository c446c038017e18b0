package io.challengeradar.flink.ops;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness that advances the watermark with the event that moves it rather than
 * on a periodic timer. Lateness is decided against the watermark, so a periodic one would make a
 * replay's dead letters depend on how fast it ran; this way the same input refuses the same
 * events every time. The cost is one watermark per advancing event, which downstream operators
 * absorb cheaply because a watermark that does not move the minimum is not forwarded.
 *
 * <p>With a time guard, a timestamp more than {@code maxFutureSkew} ahead of the clock never
 * moves the watermark: one record stamped 20 hours ahead would otherwise make every record after
 * it late. Where the generator runs inside a source (Kafka, per partition), the record goes on and
 * {@link FutureEventFilter} dead-letters it; the clock is read only for a timestamp that would
 * move the watermark, so a replay of past data never reads it at all.
 */
public final class EagerBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {
  private final long outOfOrdernessMillis;
  private final long maxFutureSkewMillis;
  private final LongSupplier clock;
  private long maxTimestamp = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;
  private long ignored;

  /** Without a time guard: every timestamp counts (the guard is then in front of it). */
  public EagerBoundedOutOfOrderness(Duration outOfOrderness) {
    this(outOfOrderness, null, null);
  }

  /**
   * @param maxFutureSkew how far ahead of {@code clock} a timestamp may be and still move the
   *     watermark; null: no guard
   * @param clock the current time in epoch milliseconds (the task manager's clock in a job)
   */
  public EagerBoundedOutOfOrderness(
      Duration outOfOrderness, Duration maxFutureSkew, LongSupplier clock) {
    if (maxFutureSkew != null && (maxFutureSkew.isNegative() || clock == null)) {
      throw new IllegalArgumentException(
          "maxFutureSkew must not be negative and needs a clock, was " + maxFutureSkew);
    }
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
    this.maxFutureSkewMillis = maxFutureSkew == null ? -1 : maxFutureSkew.toMillis();
    this.clock = clock;
  }

  @Override
  public void onEvent(T event, long timestamp, WatermarkOutput output) {
    if (timestamp <= maxTimestamp) {
      return;
    }
    if (maxFutureSkewMillis >= 0
        && FutureEventFilter.isFuture(timestamp, clock.getAsLong(), maxFutureSkewMillis)) {
      ignored++;
      return;
    }
    maxTimestamp = timestamp;
    long next = maxTimestamp - outOfOrdernessMillis - 1;
    if (next > emitted) {
      emitted = next;
      output.emitWatermark(new Watermark(next));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // Nothing: every advance was emitted in onEvent.
  }

  /** Timestamps the time guard kept from moving the watermark so far. */
  public long ignoredFutureTimestamps() {
    return ignored;
  }
}
