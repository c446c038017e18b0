package io.challengeradar.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedHealthTest {

  @Test
  void probesReadTheLatestCheckAndNeverTriggerOne() {
    AtomicInteger checks = new AtomicInteger();
    try (CachedHealth health = CachedHealth.start(() -> new RadarQueries.Health(true, "green",
        "check " + checks.incrementAndGet(), Instant.now()), Duration.ofHours(1))) {
      for (int i = 0; i < 100; i++) {
        assertThat(health.latest().detail()).isEqualTo("check 1");
      }
      assertThat(checks).hasValue(1);
    }
  }

  @Test
  void aCheckThatThrowsReportsUnhealthyRatherThanStoppingTheChecks() {
    try (CachedHealth health = CachedHealth.start(() -> {
      throw new IllegalStateException("a bug");
    }, Duration.ofHours(1))) {
      assertThat(health.latest().reachable()).isFalse();
      assertThat(health.latest().detail()).contains("IllegalStateException");
    }
  }
}
