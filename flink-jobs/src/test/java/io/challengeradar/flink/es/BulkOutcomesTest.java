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
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The decisions after a bulk request, on responses built as Elasticsearch would send them. */
class BulkOutcomesTest {
  static final int MAX_RETRIES = 2;
  final BulkOutcomes outcomes = new BulkOutcomes(MAX_RETRIES, 100, 1_000);

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
  void deadLettersAnItemThatStillFailsAfterTheLastRetry() throws Exception {
    EsOperation tired = write("v1").nextAttempt().nextAttempt();

    Plan plan = outcomes.onResponse(List.of(tired),
        BulkOutcomes.items(response(failed("v1", 503, "unavailable_shards_exception", "no"))));

    assertThat(plan.retry()).isEmpty();
    assertThat(plan.tally(Tally.RETRIES_EXHAUSTED)).isEqualTo(1);
    JsonNode letter = deadLetter(plan);
    assertThat(letter.get("reason").asText()).isEqualTo("retries-exhausted");
    assertThat(letter.get("detail").asText()).contains("3 attempts", "unavailable_shards_exception");
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
  void countsARefusedDeadLetterAsLostInsteadOfLoopingOnIt() {
    EsOperation letter = EsOperation.of(Index.DEADLETTER.indexName(), "d1",
        "{}".getBytes(StandardCharsets.UTF_8), null);

    Plan plan = outcomes.onResponse(List.of(letter),
        BulkOutcomes.items(response(failed("d1", 400, "mapper_parsing_exception", "bad"))));

    assertThat(plan.requeue()).isEmpty();
    assertThat(plan.lost()).containsExactly(letter);
    assertThat(plan.tally(Tally.DEAD_LETTER_LOST)).isEqualTo(1);
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

    List<EsOperation> last = plan.retry().stream()
        .map(EsOperation::nextAttempt).toList();
    assertThatThrownBy(() -> outcomes.onRequestFailure(last, timeout))
        .isInstanceOf(ElasticsearchSinkException.class)
        .hasMessageContaining("after 3 attempts");
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
