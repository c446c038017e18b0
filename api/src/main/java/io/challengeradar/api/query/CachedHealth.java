package io.challengeradar.api.query;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elasticsearch's health, asked in the background every interval; {@code /v1/health} answers
 * from the latest answer. So a probe (a load balancer's, Kubernetes') never reaches
 * Elasticsearch, however often it comes, and never waits on a slow cluster.
 */
public final class CachedHealth implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CachedHealth.class);

  private final Supplier<RadarQueries.Health> check;
  private final ScheduledExecutorService timer;
  private volatile RadarQueries.Health latest;

  private CachedHealth(Supplier<RadarQueries.Health> check) {
    this.check = check;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "api-health");
      t.setDaemon(true);
      return t;
    });
  }

  /** Asks once now (so the first probe has an answer), then every {@code interval}. */
  public static CachedHealth start(Supplier<RadarQueries.Health> check, Duration interval) {
    CachedHealth health = new CachedHealth(check);
    health.refresh();
    long ms = interval.toMillis();
    health.timer.scheduleWithFixedDelay(health::refresh, ms, ms, TimeUnit.MILLISECONDS);
    return health;
  }

  /** The latest answer; its {@code checkedAt} says how old it is. */
  public RadarQueries.Health latest() {
    return latest;
  }

  private void refresh() {
    try {
      latest = check.get();
    } catch (RuntimeException e) {
      // A bug in the check must not stop the timer; the answer says what happened.
      LOG.warn("health check failed", e);
      latest = new RadarQueries.Health(false, "unknown", "the health check failed: "
          + e.getClass().getSimpleName(), Instant.now());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
