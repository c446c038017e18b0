package io.challengeradar.flink.ops;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes records and watermarks on and never announces the stream idle, so the keyed channels
 * after it are never left out of the next operator's time.
 *
 * <p>The trend windows need this after VideoJoin. Every join subtask gets every source's
 * watermarks, so the join's subtasks are idle together or not at all: only when every source is
 * idle, and then no watermark moves either way. But they resume one by one, and an operator whose
 * other channels are still idle takes its time from the first channel to resume alone: the
 * watermark of the whole resumed batch, while the batch's posts on the other channels are still
 * on their way, so the window that ends within the batch would close without them. With no
 * channel ever idle, the next operator keeps the smallest of its channels' watermarks, as it does
 * while the stream flows.
 */
public final class NeverIdle<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {
  private static final long serialVersionUID = 1L;

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element);
  }

  @Override
  public void processWatermarkStatus(WatermarkStatus status) {
    // Dropped: downstream stays active (see the class comment).
  }
}
