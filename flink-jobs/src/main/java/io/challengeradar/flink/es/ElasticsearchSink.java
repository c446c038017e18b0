package io.challengeradar.flink.es;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An Elasticsearch sink on Flink's async sink framework, writing with the bulk API of
 * elasticsearch-java. At-least-once: buffered writes are checkpointed and in-flight ones finish
 * before a checkpoint completes; since every write carries a deterministic id (and, where order
 * matters, an external version), writing again after a restore changes nothing.
 */
public final class ElasticsearchSink extends AsyncSinkBase<EsOperation, EsOperation> {
  private static final long serialVersionUID = 1L;

  private final ElasticsearchSinkOptions options;

  public ElasticsearchSink(ElasticsearchSinkOptions options) {
    super((op, ctx) -> op,
        options.maxBatchSize(),
        options.maxInFlightRequests(),
        options.maxBufferedRequests(),
        options.maxBatchBytes(),
        options.maxTimeInBuffer().toMillis(),
        options.maxBatchBytes(),
        options.batchTimeout().toMillis(),
        true);
    this.options = options;
  }

  @Override
  public StatefulSinkWriter<EsOperation, BufferedRequestState<EsOperation>> createWriter(
      WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<EsOperation, BufferedRequestState<EsOperation>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<EsOperation>> recoveredState) {
    return new ElasticsearchSinkWriter(getElementConverter(), context, options, recoveredState,
        getMaxInFlightRequests(), getRequestTimeoutMS(), getFailOnTimeout());
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<EsOperation>> getWriterStateSerializer() {
    return new EsOperationStateSerializer();
  }
}
