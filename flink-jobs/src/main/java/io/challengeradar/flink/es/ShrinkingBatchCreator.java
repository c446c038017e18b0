package io.challengeradar.flink.es;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.Batch;
import org.apache.flink.connector.base.sink.writer.BatchCreator;
import org.apache.flink.connector.base.sink.writer.RequestBuffer;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;

/**
 * Makes the sink's bulk requests from its buffer, at most {@link #maxBytes()} each: {@code
 * sink.bulk.max-bytes} at first, lowered to half of a request answered 413 (Elasticsearch's
 * {@code http.max_content_length} or a proxy's body limit is below it). The limit stays lowered
 * for the writer's life: the body limit that refused a request does not go away by itself. A
 * request always takes at least one write, so a write over the limit goes out alone (and, if it
 * is refused, becomes a dead letter) instead of stalling the buffer.
 *
 * <p>Batches are made on the task thread; the limit is lowered from the client's callback
 * thread, hence volatile.
 */
final class ShrinkingBatchCreator implements BatchCreator<EsOperation> {
  private volatile long maxBytes;

  ShrinkingBatchCreator(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** Lowers the limit to {@code bytes} if that is below it; never raises it. */
  synchronized void lowerTo(long bytes) {
    if (bytes > 0 && bytes < maxBytes) {
      maxBytes = bytes;
    }
  }

  @Override
  public Batch<EsOperation> createNextBatch(RequestInfo info,
      RequestBuffer<EsOperation> buffer) {
    long limit = maxBytes;
    List<EsOperation> batch = new ArrayList<>(Math.max(0, info.getBatchSize()));
    long bytes = 0;
    while (batch.size() < info.getBatchSize() && !buffer.isEmpty()) {
      long size = buffer.peek().getSize();
      if (!batch.isEmpty() && bytes + size > limit) {
        break;
      }
      RequestEntryWrapper<EsOperation> entry = buffer.poll();
      batch.add(entry.getRequestEntry());
      bytes += size;
    }
    return new Batch<>(batch, bytes);
  }
}
