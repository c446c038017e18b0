package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink behind {@link FaultInjectingProxy} in front of the real Elasticsearch: an overloaded
 * cluster and a proxy's body limit lose nothing and dead-letter nothing that could be written; a
 * dead letter that cannot be written, or a cluster busy past the retry budget, fails the job.
 */
@ExtendWith(SharedElasticsearch.class)
class ElasticsearchOverloadIT {
  private static final SinkMetrics METRICS = new SinkMetrics();

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = METRICS.miniCluster();

  private static final String WINDOWS = Index.HASHTAG_WINDOWS.indexName();
  private static final int WRITES = 3_000;
  private static final Duration OVERLOAD = Duration.ofSeconds(30);
  /** Far below sink.bulk.max-bytes: the first requests are several times over it. */
  private static final int BODY_LIMIT = 16 * 1024;
  private static final int BATCH = 200;
  private static final int BUFFERED = 400;

  /** Writes that left the source so far; the job runs in this JVM. */
  private static final AtomicLong EMITTED = new AtomicLong();

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  ElasticsearchOverloadIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @BeforeEach
  void startFromEmptyIndices() {
    contents.clear();
    EMITTED.set(0);
  }

  @Test
  void losesNothingThroughThirtySecondsOfOverloadThenABodyLimit() throws Exception {
    List<EsOperation> writes = new ArrayList<>(windows(WRITES));
    // One document over the body limit on its own: the only dead letter there may be.
    writes.add(2_500, window("too-large", "x".repeat(BODY_LIMIT + 4_000)));

    try (FaultInjectingProxy proxy = FaultInjectingProxy.to(es.url())
        .overloadedFor(OVERLOAD).maxBulkBytes(BODY_LIMIT).probing(EMITTED::get)) {
      long started = System.nanoTime();
      Map<String, Long> counters = write(writes, options(proxy, Duration.ofMinutes(5)));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

      Map<String, ObjectNode> indexed = contents.documents(WINDOWS);
      assertThat(indexed).hasSize(WRITES);
      assertThat(indexed.keySet()).containsAll(
          IntStream.range(0, WRITES).mapToObj(ElasticsearchOverloadIT::id).toList());
      Map<String, ObjectNode> letters = contents.documents(Index.DEADLETTER.indexName());
      assertThat(letters.values()).singleElement().satisfies(d -> {
        assertThat(d.get("reason").asText()).isEqualTo(DeadLetter.REASON_TOO_LARGE);
        assertThat(d.at("/origin/name").asText()).isEqualTo(WINDOWS + "/too-large");
        assertThat(d.get("detail").asText()).contains("413", "body limit");
      });
      assertThat(proxy.itemsAnswered429.get()).isPositive();
      assertThat(proxy.requestsAnswered413.get()).isPositive();
      assertThat(counters).containsEntry("too_large", 1L).containsEntry("rejected", 0L);
      assertThat(counters.get("retried")).isPositive();
      assertThat(counters.get("split")).isPositive();
      // Back pressure: while nothing was indexed the source was held to what the sink buffers
      // (sink.buffer.max-writes) and has in flight (4 requests), not the whole input.
      assertThat(proxy.probedWhileOverloaded()).isPositive()
          .isLessThanOrEqualTo(BUFFERED + 4L * BATCH + BATCH);
      assertThat(seconds).isGreaterThanOrEqualTo(OVERLOAD.toSeconds());
    }
  }

  @Test
  void failsTheJobWhenADeadLetterCannotBeWritten() throws Exception {
    try (FaultInjectingProxy proxy = FaultInjectingProxy.to(es.url()).refusingEveryItem()) {
      assertThatThrownBy(() -> write(windows(3), options(proxy, Duration.ofMinutes(5))))
          .rootCause().isInstanceOf(ElasticsearchSinkException.class)
          .hasMessageContaining("dead letter could not be written", "mapper_parsing_exception",
              "restarts from its last checkpoint");
      assertThat(proxy.itemsAnswered400.get()).isGreaterThan(3);
    }
  }

  @Test
  void restartsFromItsCheckpointWhenADeadLetterCannotBeWrittenAndLosesNothing() throws Exception {
    try (FaultInjectingProxy proxy = FaultInjectingProxy.to(es.url())
        .refusingEveryItemFor(Duration.ofSeconds(3))) {
      Configuration conf = new Configuration();
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.setParallelism(1);
      env.enableCheckpointing(200);
      env.fromData(windows(300), TypeInformation.of(EsOperation.class))
          .sinkTo(new ElasticsearchSink(options(proxy, Duration.ofMinutes(5))))
          .name("elasticsearch");

      env.execute("elasticsearch-overload-restore-it");

      // While the proxy refused them, the writes' dead letters could not be written either: the
      // job failed (again and again) and restored. Every write ends indexed or, if a checkpoint
      // already held its dead letter, dead-lettered: once, and never both.
      assertThat(proxy.itemsAnswered400.get()).isPositive();
      List<String> indexed = new ArrayList<>(contents.documents(WINDOWS).keySet());
      List<String> deadLettered = contents.documents(Index.DEADLETTER.indexName()).values()
          .stream().map(d -> d.at("/origin/name").asText().substring(WINDOWS.length() + 1))
          .toList();
      List<String> all = new ArrayList<>(indexed);
      all.addAll(deadLettered);
      assertThat(all).hasSize(300).containsExactlyInAnyOrderElementsOf(
          IntStream.range(0, 300).mapToObj(ElasticsearchOverloadIT::id).toList());
    }
  }

  @Test
  void failsTheJobWhenTheClusterStaysBusyPastTheRetryBudget() throws Exception {
    try (FaultInjectingProxy proxy = FaultInjectingProxy.to(es.url())
        .overloadedFor(Duration.ofHours(1))) {
      assertThatThrownBy(() -> write(windows(3), options(proxy, Duration.ofSeconds(2))))
          .rootCause().isInstanceOf(ElasticsearchSinkException.class)
          .hasMessageContaining("sink.retry.budget=PT2S", "429 es_rejected_execution_exception");
      assertThat(contents.documents(Index.DEADLETTER.indexName())).isEmpty();
    }
  }

  private static ElasticsearchSinkOptions options(FaultInjectingProxy proxy, Duration budget) {
    return ElasticsearchSinkOptions.from(Config.defaults(ElasticsearchSinkOptions.GROUP)
        .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(proxy.url()), "test")
        .with(ElasticsearchSinkOptions.MAX_BATCH_SIZE, BATCH, "test")
        .with(ElasticsearchSinkOptions.MAX_BUFFERED, BUFFERED, "test")
        .with(ElasticsearchSinkOptions.MAX_BACKOFF, Duration.ofSeconds(2), "test")
        .with(ElasticsearchSinkOptions.RETRY_BUDGET, budget, "test"));
  }

  private Map<String, Long> write(List<EsOperation> writes, ElasticsearchSinkOptions options)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    env.fromData(writes, TypeInformation.of(EsOperation.class))
        .map(op -> {
          EMITTED.incrementAndGet();
          return op;
        }).returns(EsOperation.class)
        .sinkTo(new ElasticsearchSink(options)).name("elasticsearch");
    return METRICS.counters(env.execute("elasticsearch-overload-it").getJobID());
  }

  private static List<EsOperation> windows(int n) {
    return IntStream.range(0, n).mapToObj(i -> window(id(i), "overload-" + i)).toList();
  }

  private static String id(int i) {
    return "hashtag:overload-" + i + ":0";
  }

  private static EsOperation window(String id, String tag) {
    return EsOperation.of(WINDOWS, id, ("{\"kind\":\"hashtag\",\"tag\":\"" + tag
        + "\",\"newPosts\":" + tag.length() + "}").getBytes(StandardCharsets.UTF_8), null);
  }
}
