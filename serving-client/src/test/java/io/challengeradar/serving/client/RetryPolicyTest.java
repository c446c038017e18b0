package io.challengeradar.serving.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between attempts; the HTTP tests cap them at a few milliseconds and cannot see this. */
class RetryPolicyTest {
  static final RetryPolicy POLICY = new RetryPolicy(ClientOptions.of(URI.create("http://s:8081"))
      .withBackoff(Duration.ofMillis(1), Duration.ofSeconds(1)));

  @Test
  void waitsAtLeastWhatTheServersRetryAfterAsks() {
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(POLICY.backoffMillis(attempt, 300)).isBetween(300L, 1000L);
    }
  }

  @Test
  void aRetryAfterLongerThanTheCapWaitsOnlyTheCap() {
    assertThat(POLICY.backoffMillis(0, 5000)).isEqualTo(1000L);
  }

  @Test
  void withoutRetryAfterTheWaitDoublesUpToTheCap() {
    assertThat(POLICY.backoffMillis(0, 0)).isLessThanOrEqualTo(1L);
    assertThat(POLICY.backoffMillis(3, 0)).isBetween(4L, 8L);
    assertThat(POLICY.backoffMillis(30, 0)).isBetween(500L, 1000L);
  }
}
