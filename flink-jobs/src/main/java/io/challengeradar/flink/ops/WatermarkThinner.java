package io.challengeradar.flink.ops;

import java.time.Duration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes records through and lets a watermark on only when it is at least {@code step} past the
 * last one let on (the end-of-input watermark always passes).
 *
 * <p>The job advances its watermark with almost every event. Async I/O keeps each watermark as an
 * entry of its bounded queue, so in front of it those watermarks would take most of the slots
 * meant for requests in flight: at about five events per post, a capacity of 64 left some ten
 * posts in flight. Thinned to one watermark per step of event time, the slots go to requests.
 */
public final class WatermarkThinner<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {
  private static final long serialVersionUID = 1L;

  private final long stepMillis;
  private transient long lastForwarded;

  public WatermarkThinner(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("step must not be negative, was " + step);
    }
    this.stepMillis = step.toMillis();
  }

  @Override
  public void open() throws Exception {
    super.open();
    lastForwarded = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    long t = mark.getTimestamp();
    if (t == Long.MAX_VALUE || lastForwarded == Long.MIN_VALUE || t - lastForwarded >= stepMillis) {
      lastForwarded = t;
      super.processWatermark(mark);
    }
  }
}
