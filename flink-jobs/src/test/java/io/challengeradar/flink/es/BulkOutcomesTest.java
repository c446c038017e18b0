package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.es.BulkOutcomes.Plan;
import io.challengeradar.flink.es.BulkOutcomes.Tally;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The decisions after a bulk request, on responses built as Elasticsearch would send them. */
class BulkOutcomesTest {
  static final Duration BUDGET = Duration.ofMinutes(5);
  static final long START = 1_700_000_000_000L;
  final AtomicLong now = new AtomicLong(START);
  final BulkOutcomes outcomes = new BulkOutcomes(BUDGET, 100, 1_000, now::get);

  static EsOperation write(String id) {
    return EsOperation.of("radar-videos", id,
        ("{\"videoId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), 3L);
  }

  static BulkResponseItem ok(String id) {
    return BulkResponseItem.of(i -> i.operationType(OperationType.Index).index("radar-videos")
        .id(id).status(201));
  }

  static BulkResponseItem failed(String id, int status, String type, String reason) {
    return BulkResponseItem.of(i -> i.operationType(OperationType.Index).index("radar-videos")
        .id(id).status(status).error(e -> e.type(type).reason(reason)));
  }

  static BulkResponse response(BulkResponseItem... items) {
    return BulkResponse.of(r -> r.errors(true).took(3).items(List.of(items)));
  }

  @Test
  void completesWhenEveryItemSucceeds() {
    Plan plan = outcomes.onResponse(List.of(write("v1"), write("v2")),
        BulkOutcomes.items(response(ok("v1"), ok("v2"))));

    assertThat(plan.requeue()).isEmpty();
    assertThat(plan.tally(Tally.SUCCEEDED)).isEqualTo(2);
  }

  @Test
  void retriesBusyItemsWithTheirAttemptCountedAndABackoff() {
    Plan plan = outcomes.onResponse(List.of(write("v1"), write("v2")),
        BulkOutcomes.items(response(ok("v1"),
            failed("v2", 429, "es_rejected_execution_exception", "queue full"))));

    assertThat(plan.retry()).singleElement().satisfies(op -> {
      assertThat(op.id()).isEqualTo("v2");
      assertThat(op.attempt()).isEqualTo(1);
    });
    assertThat(plan.deadLetters()).isEmpty();
    assertThat(plan.backoffMillis()).isEqualTo(100);
    assertThat(plan.tally(Tally.RETRIED)).isEqualTo(1);
    assertThat(plan.tally(Tally.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void doublesTheBackoffPerAttemptUpToTheMaximum() {
    assertThat(outcomes.backoffMillis(1)).isEqualTo(100);
    assertThat(outcomes.backoffMillis(2)).isEqualTo(200);
    assertThat(outcomes.backoffMillis(4)).isEqualTo(800);
    assertThat(outcomes.backoffMillis(5)).isEqualTo(1_000);
    assertThat(outcomes.backoffMillis(60)).isEqualTo(1_000);
  }

  @Test
  void keepsRetryingABusyItemForTheWholeBudgetFromItsFirstFailure() {
    EsOperation op = write("v1");
    for (int attempt = 1; attempt <= 60; attempt++) {
      Plan plan = outcomes.onResponse(List.of(op), BulkOutcomes.items(response(
          failed("v1", 429, "es_rejected_execution_exception", "queue full"))));
      assertThat(plan.deadLetters()).isEmpty();
      op = plan.retry().get(0);
      now.addAndGet(plan.backoffMillis());
    }

    assertThat(op.attempt()).isEqualTo(60);
    assertThat(op.retryingSince()).isEqualTo(START);
    assertThat(now.get() - START).isLessThan(BUDGET.toMillis());
  }

  @Test
  void failsTheJobInsteadOfDeadLetteringWhenTheBudgetIsSpent() {
    EsOperation tired = write("v1").nextAttempt(START).nextAttempt(START + 1_000);
    now.set(START + BUDGET.toMillis());

    assertThatThrownBy(() -> outcomes.onResponse(List.of(tired),
        BulkOutcomes.items(response(failed("v1", 503, "unavailable_shards_exception", "no")))))
        .isInstanceOf(ElasticsearchSinkException.class)
        .hasMessageContaining("radar-videos/v1", "300 s", "3 attempts", "sink.retry.budget=PT5M",
            "unavailable_shards_exception", "restarts from its last checkpoint");
  }

  @Test
  void startsAFreshBudgetForAWriteRestoredFromACheckpoint() throws Exception {
    EsOperation retrying = write("v1").nextAttempt(START);
    EsOperation restored = new EsOperationStateSerializer().deserialize(
        EsOperationStateSerializer.VERSION, new EsOperationStateSerializer().serialize(
            new org.apache.flink.connector.base.sink.writer.BufferedRequestState<>(List.of(
                new org.apache.flink.connector.base.sink.writer.RequestEntryWrapper<>(
                    retrying, retrying.sizeInBytes())))))
        .getBufferedRequestEntries().get(0).getRequestEntry();
    now.set(START + BUDGET.toMillis() + 1);

    Plan plan = outcomes.onResponse(List.of(restored),
        BulkOutcomes.items(response(failed("v1", 429, "es_rejected_execution_exception", "busy"))));

    assertThat(plan.retry()).singleElement().extracting(EsOperation::retryingSince)
        .isEqualTo(now.get());
  }

  @Test
  void deadLettersARejectedDocumentWithElasticsearchsReasonAndWhereItWasGoing() throws Exception {
    Plan plan = outcomes.onResponse(List.of(write("v1")),
        BulkOutcomes.items(response(failed("v1", 400, "document_parsing_exception",
            "failed to parse field [views] of type [long]"))));

    assertThat(plan.retry()).isEmpty();
    assertThat(plan.tally(Tally.REJECTED)).isEqualTo(1);
    assertThat(plan.deadLetters()).singleElement().satisfies(op -> {
      assertThat(op.index()).isEqualTo(Index.DEADLETTER.indexName());
      assertThat(op.version()).isNull();
    });
    JsonNode letter = deadLetter(plan);
    assertThat(letter.get("stage").asText()).isEqualTo("sink");
    assertThat(letter.get("reason").asText()).isEqualTo("rejected-by-elasticsearch");
    assertThat(letter.get("detail").asText())
        .isEqualTo("400 document_parsing_exception: failed to parse field [views] of type [long]");
    assertThat(letter.get("raw").asText()).isEqualTo("{\"videoId\":\"v1\"}");
    assertThat(letter.get("origin").get("name").asText()).isEqualTo("radar-videos/v1");
  }

  @Test
  void failsTheJobWhenADeadLetterIsRefusedRatherThanLoseIt() {
    EsOperation letter = EsOperation.of(Index.DEADLETTER.indexName(), "d1",
        "{\"reason\":\"invalid\"}".getBytes(StandardCharsets.UTF_8), null);

    assertThatThrownBy(() -> outcomes.onResponse(List.of(letter),
        BulkOutcomes.items(response(failed("d1", 400, "mapper_parsing_exception", "bad")))))
        .isInstanceOf(ElasticsearchSinkException.class)
        .hasMessageContaining("dead letter could not be written", "mapper_parsing_exception",
            "{\"reason\":\"invalid\"}", "restarts from its last checkpoint");
  }

  @Test
  void retriesABusyDeadLetterLikeAnyOtherWrite() {
    EsOperation letter = EsOperation.of(Index.DEADLETTER.indexName(), "d1",
        "{}".getBytes(StandardCharsets.UTF_8), null);

    Plan plan = outcomes.onResponse(List.of(letter),
        BulkOutcomes.items(response(failed("d1", 429, "es_rejected_execution_exception", "busy"))));

    assertThat(plan.retry()).extracting(EsOperation::id).containsExactly("d1");
  }

  @Test
  void sendsARequestAnswered413AgainInHalvesOfItsSize() {
    List<EsOperation> batch = List.of(write("v1"), write("v2"), write("v3"));
    long bytes = batch.stream().mapToLong(EsOperation::sizeInBytes).sum();

    Plan plan = outcomes.onTooLarge(batch);

    assertThat(plan.retry()).isEqualTo(batch);
    assertThat(plan.retry()).extracting(EsOperation::attempt).containsOnly(0);
    assertThat(plan.deadLetters()).isEmpty();
    assertThat(plan.backoffMillis()).isZero();
    assertThat(plan.maxRequestBytes()).isEqualTo(bytes / 2);
    assertThat(plan.tally(Tally.SPLIT)).isEqualTo(1);
  }

  @Test
  void deadLettersADocumentTooLargeForARequestOfItsOwnWithItsFirstCharacters() throws Exception {
    String big = "{\"videoId\":\"v1\",\"caption\":\"" + "x".repeat(100_000) + "\"}";
    EsOperation op = EsOperation.of("radar-videos", "v1", big.getBytes(StandardCharsets.UTF_8), 3L);

    Plan plan = outcomes.onTooLarge(List.of(op));

    assertThat(plan.retry()).isEmpty();
    assertThat(plan.tally(Tally.TOO_LARGE)).isEqualTo(1);
    JsonNode letter = deadLetter(plan);
    assertThat(letter.get("reason").asText()).isEqualTo("too-large");
    assertThat(letter.get("detail").asText()).startsWith("413")
        .contains(op.sizeInBytes() + " bytes", "http.max_content_length", "proxy");
    assertThat(letter.get("raw").asText()).startsWith("{\"videoId\":\"v1\"")
        .contains("[cut: " + big.length() + " UTF-8 bytes in all").hasSizeLessThan(4_200);
    assertThat(letter.get("origin").get("name").asText()).isEqualTo("radar-videos/v1");
  }

  @Test
  void failsTheJobWhenADeadLetterIsTooLargeEvenAlone() {
    EsOperation letter = EsOperation.of(Index.DEADLETTER.indexName(), "d1",
        "{}".getBytes(StandardCharsets.UTF_8), null);

    assertThatThrownBy(() -> outcomes.onTooLarge(List.of(letter)))
        .isInstanceOf(ElasticsearchSinkException.class)
        .hasMessageContaining("dead letter could not be written", "413");
  }

  @Test
  void recognises413WhereverTheClientPutsIt() {
    ElasticsearchException fromElasticsearch = new ElasticsearchException("bulk",
        ErrorResponse.of(e -> e.status(413).error(c -> c.type("http").reason("too large"))));

    assertThat(BulkOutcomes.isTooLarge(new CompletionException(fromElasticsearch))).isTrue();
    assertThat(BulkOutcomes.isTooLarge(new IOException("connection reset"))).isFalse();
  }

  @Test
  void acceptsAVersionConflictAsAlreadyWritten() {
    Plan plan = outcomes.onResponse(List.of(write("v1")),
        BulkOutcomes.items(response(failed("v1", 409, "version_conflict_engine_exception",
            "current version [5] is higher than [3]"))));

    assertThat(plan.requeue()).isEmpty();
    assertThat(plan.tally(Tally.SUPERSEDED)).isEqualTo(1);
  }

  @Test
  void retriesAWholeRequestThatTimedOutThenGivesUpByFailingTheJob() {
    List<EsOperation> batch = List.of(write("v1"), write("v2"));
    Throwable timeout = new CompletionException(new SocketTimeoutException("read timed out"));

    Plan plan = outcomes.onRequestFailure(batch, timeout);
    assertThat(plan.retry()).extracting(EsOperation::attempt).containsExactly(1, 1);
    assertThat(plan.backoffMillis()).isEqualTo(100);

    now.addAndGet(BUDGET.toMillis());
    assertThatThrownBy(() -> outcomes.onRequestFailure(plan.retry(), timeout))
        .isInstanceOf(ElasticsearchSinkException.class)
        .hasMessageContaining("2 attempts", "whole bulk request failed", "read timed out");
  }

  @Test
  void retriesAWholeRequestThatGotNoConnectionOrA503() {
    ElasticsearchException unavailable = new ElasticsearchException("bulk",
        ErrorResponse.of(e -> e.status(503).error(c -> c.type("unavailable").reason("no"))));

    assertThat(outcomes.onRequestFailure(List.of(write("v1")),
        new java.net.ConnectException("Connection refused")).retry()).hasSize(1);
    assertThat(outcomes.onRequestFailure(List.of(write("v1")), unavailable).retry()).hasSize(1);
  }

  @Test
  void failsTheJobAtOnceWhenTheWholeRequestIsRefused() {
    ElasticsearchException unauthorised = new ElasticsearchException("bulk",
        ErrorResponse.of(e -> e.status(401)
            .error(c -> c.type("security_exception").reason("missing authentication"))));

    assertThatThrownBy(() -> outcomes.onRequestFailure(List.of(write("v1")), unauthorised))
        .isInstanceOf(ElasticsearchSinkException.class)
        .hasMessageContaining("cannot be retried");
    assertThat(BulkOutcomes.isTransient(new IOException("connection reset"))).isTrue();
  }

  @Test
  void writesVersionedDocumentsWithExternalGteAndOthersUnconditionally() {
    BulkRequest request = ElasticsearchSinkWriter.request(List.of(write("v1"),
        EsOperation.of("radar-hashtag-windows", "hashtag:dance:0",
            "{}".getBytes(StandardCharsets.UTF_8), null)));

    assertThat(request.operations()).hasSize(2);
    assertThat(request.operations().get(0).index().id()).isEqualTo("v1");
    assertThat(request.operations().get(0).index().version()).isEqualTo(3L);
    assertThat(request.operations().get(0).index().versionType()).isEqualTo(VersionType.ExternalGte);
    assertThat(request.operations().get(1).index().index()).isEqualTo("radar-hashtag-windows");
    assertThat(request.operations().get(1).index().version()).isNull();
  }

  private static JsonNode deadLetter(Plan plan) throws IOException {
    assertThat(plan.deadLetters()).hasSize(1);
    return new ObjectMapper().readTree(plan.deadLetters().get(0).source());
  }
}
