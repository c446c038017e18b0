package io.challengeradar.api.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key: {@code burst} tokens at most, refilled at {@code ratePerSecond}.
 * Buckets exist only for authenticated key names, so their number is bounded by the configured
 * keys. The clock is injected so tests drive time by hand.
 */
public final class RateLimiter {

  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be a positive number, was " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoClock = java.util.Objects.requireNonNull(nanoClock, "nanoClock");
  }

  public RateLimiter(double ratePerSecond, int burst) {
    this(ratePerSecond, burst, System::nanoTime);
  }

  /** Takes a token for {@code key}: {@link Duration#ZERO} when granted, else the wait until one. */
  public Duration acquire(String key) {
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoClock.getAsLong())).take();
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized Duration take() {
      long now = nanoClock.getAsLong();
      tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((1 - tokens) / ratePerNano));
    }
  }
}
