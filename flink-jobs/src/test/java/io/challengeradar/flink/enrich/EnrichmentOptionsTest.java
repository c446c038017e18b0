package io.challengeradar.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.flink.ItPipelines;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnrichmentOptionsTest {

  @Test
  void readsTheBatchFromThePipelineProperties() {
    EnrichmentOptions o = ItPipelines.options(
        "enrichment.batch.size", "8", "enrichment.batch.delay", "5ms").enrichment();

    assertThat(o.batchSize()).isEqualTo(8);
    assertThat(o.batchDelay()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void defaultsToGatheredCallsWithinTheCapacity() {
    EnrichmentOptions o = EnrichmentOptions.defaults();

    assertThat(o.batchSize()).isEqualTo(EnrichmentOptions.BATCH_SIZE.defaultValue())
        .isLessThanOrEqualTo(o.capacity());
    assertThat(o.batchDelay()).isLessThan(EnrichmentOptions.MAX_BATCH_DELAY);
  }

  @Test
  void refusesABatchLargerThanTheCapacity() {
    assertThatThrownBy(() -> ItPipelines.options(
        "enrichment.capacity", "8", "enrichment.batch.size", "9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enrichment.batch.size");
  }

  @Test
  void refusesADelayThatWouldEatIntoFlinksDeadlineMargin() {
    assertThatThrownBy(() -> ItPipelines.options("enrichment.batch.delay", "1s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enrichment.batch.delay");
    assertThatThrownBy(() -> ItPipelines.options("enrichment.batch.size", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enrichment.batch.size");
  }
}
