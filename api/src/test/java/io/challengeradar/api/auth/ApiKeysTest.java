package io.challengeradar.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.api.UnauthorizedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

  @Test
  void readsKeysWithOptionalNamesSkippingCommentsAndBlankLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("keys");
    Files.writeString(file, "# product teams\n\naaaaaaaaaaaaaaaa1 growth-team\nbbbbbbbbbbbbbbbb2\n");
    ApiKeys keys = ApiKeys.fromFile(file);
    assertThat(keys.size()).isEqualTo(2);
    assertThat(keys.authenticate("aaaaaaaaaaaaaaaa1")).contains("growth-team");
    assertThat(keys.authenticate("bbbbbbbbbbbbbbbb2")).contains("key-line-4");
    assertThat(keys.authenticate("bbbbbbbbbbbbbbbb")).isEmpty();
  }

  @Test
  void refusesShortKeysNamingTheLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("keys");
    Files.writeString(file, "aaaaaaaaaaaaaaaa1\nshort\n");
    assertThatThrownBy(() -> ApiKeys.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("at least 16");
  }

  @Test
  void readsCommaSeparatedKeysFromTheEnvironmentForm() {
    ApiKeys keys = ApiKeys.fromList(" aaaaaaaaaaaaaaaa1 ,bbbbbbbbbbbbbbbb2,");
    assertThat(keys.authenticate("bbbbbbbbbbbbbbbb2")).contains("env-2");
  }

  @Test
  void refusesToRunWithoutKeysUnlessAuthIsExplicitlyOff() {
    assertThatThrownBy(() -> Access.keys(ApiKeys.none()))
        .hasMessageContaining("--insecure-no-auth");
    Access open = Access.insecureNoAuth(ApiKeys.none());
    assertThat(open.authenticate(null, null)).isEqualTo(Access.ANONYMOUS);
    assertThatThrownBy(() -> open.authenticate("wrong-key-0123456789", null))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void tokenBucketGrantsTheBurstThenOneTokenPerInterval() {
    AtomicLong nanos = new AtomicLong();
    RateLimiter limiter = new RateLimiter(2, 2, nanos::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.acquire("b")).as("buckets are per key").isZero();
    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isPositive();
  }
}
