package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.es.BulkItemClassifier.Outcome;
import org.junit.jupiter.api.Test;

class BulkItemClassifierTest {

  @Test
  void successIsSuccess() {
    assertThat(BulkItemClassifier.classify(201, null)).isEqualTo(Outcome.SUCCESS);
    assertThat(BulkItemClassifier.classify(200, null)).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void retriesWhenTheClusterIsBusyOrBrieflyUnavailable() {
    assertThat(BulkItemClassifier.classify(429, "es_rejected_execution_exception"))
        .isEqualTo(Outcome.RETRYABLE);
    assertThat(BulkItemClassifier.classify(503, "unavailable_shards_exception"))
        .isEqualTo(Outcome.RETRYABLE);
    assertThat(BulkItemClassifier.classify(500, "internal_server_error"))
        .isEqualTo(Outcome.RETRYABLE);
    assertThat(BulkItemClassifier.classify(408, null)).isEqualTo(Outcome.RETRYABLE);
    assertThat(BulkItemClassifier.classify(400, "timeout_exception")).isEqualTo(Outcome.RETRYABLE);
  }

  @Test
  void refusesForGoodWhatWouldFailAgain() {
    assertThat(BulkItemClassifier.classify(400, "document_parsing_exception"))
        .isEqualTo(Outcome.FATAL);
    assertThat(BulkItemClassifier.classify(400, "mapper_parsing_exception"))
        .isEqualTo(Outcome.FATAL);
    assertThat(BulkItemClassifier.classify(400, "illegal_argument_exception"))
        .isEqualTo(Outcome.FATAL);
    assertThat(BulkItemClassifier.classify(404, "index_not_found_exception"))
        .isEqualTo(Outcome.FATAL);
  }

  @Test
  void treatsAVersionConflictAsANewerDocumentAlreadyThere() {
    assertThat(BulkItemClassifier.classify(409, "version_conflict_engine_exception"))
        .isEqualTo(Outcome.SUPERSEDED);
  }
}
