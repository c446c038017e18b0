package io.challengeradar.flink.es;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.client.ElasticsearchAccessException;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import io.challengeradar.flink.es.BulkOutcomes.Plan;
import io.challengeradar.flink.es.BulkOutcomes.Tally;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.DequeRequestBuffer;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches as bulk requests and hands each response to {@link BulkOutcomes}: retries go back
 * into the buffer after their backoff (on a timer thread, so the task thread never sleeps), dead
 * letters go into the buffer as ordinary writes to {@code radar-deadletter}, and every outcome is
 * counted under the {@code elasticsearch} metric group.
 *
 * <p>Back pressure: a request waiting out its backoff still counts as in flight, and the buffer
 * holds at most {@code sink.buffer.max-writes} (plus the writes of requests coming back), so
 * while Elasticsearch refuses writes {@code write} blocks and the job slows to what it accepts.
 * A request answered 413 lowers the request size ({@link ShrinkingBatchCreator}) and goes back
 * whole.
 */
final class ElasticsearchSinkWriter extends AsyncSinkWriter<EsOperation, EsOperation> {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

  private final RestClient restClient;
  private final ElasticsearchAsyncClient client;
  private final BulkOutcomes outcomes;
  private final ElasticsearchAccess access;
  private final ScheduledExecutorService backoff;
  private final ShrinkingBatchCreator batches;
  private final Map<Tally, Counter> counters = new EnumMap<>(Tally.class);
  private final VersionRegressions regressions;

  ElasticsearchSinkWriter(
      ElementConverter<EsOperation, EsOperation> converter,
      WriterInitContext context,
      ElasticsearchSinkOptions options,
      Collection<BufferedRequestState<EsOperation>> state,
      int maxInFlightRequests,
      long requestTimeoutMillis,
      boolean failOnTimeout) {
    this(converter, context, options, state, maxInFlightRequests, requestTimeoutMillis,
        failOnTimeout, new ShrinkingBatchCreator(options.maxBatchBytes()));
  }

  private ElasticsearchSinkWriter(
      ElementConverter<EsOperation, EsOperation> converter,
      WriterInitContext context,
      ElasticsearchSinkOptions options,
      Collection<BufferedRequestState<EsOperation>> state,
      int maxInFlightRequests,
      long requestTimeoutMillis,
      boolean failOnTimeout,
      ShrinkingBatchCreator batches) {
    super(converter, context,
        AsyncSinkWriterConfiguration.builder()
            .setMaxBatchSize(options.maxBatchSize())
            .setMaxBatchSizeInBytes(options.maxBatchBytes())
            .setMaxInFlightRequests(maxInFlightRequests)
            .setMaxBufferedRequests(options.maxBufferedRequests())
            .setMaxTimeInBufferMS(options.maxTimeInBuffer().toMillis())
            .setMaxRecordSizeInBytes(options.maxBatchBytes())
            .setRequestTimeoutMS(requestTimeoutMillis)
            .setFailOnTimeout(failOnTimeout)
            .build(),
        state, batches, new DequeRequestBuffer<>());
    this.batches = batches;
    this.outcomes = options.outcomes();
    this.access = options.access();
    this.restClient = ElasticsearchClientFactory.restClient(options.access(),
        options.connectTimeout(), options.socketTimeout());
    this.client = new ElasticsearchAsyncClient(
        new RestClientTransport(restClient, new JacksonJsonpMapper()));
    this.backoff = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "elasticsearch-sink-backoff");
      t.setDaemon(true);
      return t;
    });
    MetricGroup group = context.metricGroup().addGroup("elasticsearch");
    for (Tally t : Tally.values()) {
      counters.put(t, group.counter(t.name().toLowerCase(java.util.Locale.ROOT)));
    }
    // Started without state: a restored checkpoint or a restart would say otherwise.
    boolean fresh = context.getRestoredCheckpointId().isEmpty()
        && context.getTaskInfo().getAttemptNumber() == 0;
    this.regressions = new VersionRegressions(fresh, group.counter("version_regressions"),
        System::nanoTime);
  }

  @Override
  protected void submitRequestEntries(List<EsOperation> entries,
      ResultHandler<EsOperation> result) {
    List<EsOperation> batch = BulkCoalescer.lastPerDocument(entries);
    counters.get(Tally.COALESCED).inc(entries.size() - batch.size());
    regressions.sent(batch);
    client.bulk(request(batch)).whenComplete((response, error) -> {
      try {
        handle(batch, response, error, result);
      } catch (ElasticsearchSinkException | ElasticsearchAccessDenied e) {
        result.completeExceptionally(e);
      } catch (RuntimeException e) {
        result.completeExceptionally(
            new ElasticsearchSinkException("cannot handle the bulk response", e));
      }
    });
  }

  private void handle(List<EsOperation> batch, BulkResponse response, Throwable error,
      ResultHandler<EsOperation> result) {
    if (error != null) {
      ElasticsearchAccessException.find(error, access).ifPresent(denied -> {
        throw new ElasticsearchAccessDenied(denied.getMessage());
      });
    }
    if (response != null) {
      regressions.check(batch, BulkOutcomes.items(response));
    }
    Plan plan;
    if (error == null) {
      plan = outcomes.onResponse(batch, BulkOutcomes.items(response));
    } else if (BulkOutcomes.isTooLarge(error)) {
      plan = outcomes.onTooLarge(batch);
      batches.lowerTo(plan.maxRequestBytes());
    } else {
      plan = outcomes.onRequestFailure(batch, error);
    }
    for (Map.Entry<Tally, Integer> e : plan.tallies().entrySet()) {
      counters.get(e.getKey()).inc(e.getValue());
    }
    List<EsOperation> requeue = plan.requeue();
    if (requeue.isEmpty()) {
      result.complete();
    } else if (plan.backoffMillis() == 0) {
      result.retryForEntries(requeue);
    } else {
      backoff.schedule(() -> result.retryForEntries(requeue), plan.backoffMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  static BulkRequest request(List<EsOperation> batch) {
    BulkRequest.Builder b = new BulkRequest.Builder();
    for (EsOperation op : batch) {
      b.operations(o -> o.<BinaryData>index(i -> {
        i.index(op.index()).id(op.id())
            .document(BinaryData.of(op.source(), ContentType.APPLICATION_JSON));
        if (op.version() != null) {
          i.version(op.version()).versionType(VersionType.ExternalGte);
        }
        return i;
      }));
    }
    return b.build();
  }

  @Override
  protected long getSizeInBytes(EsOperation op) {
    return op.sizeInBytes();
  }

  @Override
  public void close() {
    backoff.shutdownNow();
    try {
      restClient.close();
    } catch (IOException e) {
      LOG.warn("closing the Elasticsearch client failed", e);
    }
  }
}
