package io.challengeradar.flink.ops;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes records on and takes event time out of the stream: no watermark passes, and the stream is
 * announced idle as soon as anything reaches it, for good. A two-input operator fed by it then
 * keeps the time of its other input alone.
 *
 * <p>VideoJoin needs this for its enrichments. Its event time is that of its events (the trend
 * windows count nothing else), and a second input that carries the same watermarks can only run
 * ahead of them: when every source has been idle, the input that resumes first sets the time
 * alone, and the enrichments' input (watermarks only without enrichment, none of the events'
 * records) could resume first and move the join's watermark past events still in flight on the
 * other input, closing a trend window before they reached it.
 */
public final class WithoutEventTime<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {
  private static final long serialVersionUID = 1L;

  private transient boolean announced;

  @Override
  public void processElement(StreamRecord<T> element) {
    announceIdle();
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) {
    announceIdle();
  }

  @Override
  public void processWatermarkStatus(WatermarkStatus status) {
    announceIdle();
  }

  private void announceIdle() {
    if (!announced) {
      announced = true;
      output.emitWatermarkStatus(WatermarkStatus.IDLE);
    }
  }
}
