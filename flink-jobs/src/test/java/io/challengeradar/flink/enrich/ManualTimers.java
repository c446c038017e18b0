package io.challengeradar.flink.enrich;

import java.util.concurrent.ScheduledExecutorService;
import org.apache.flink.core.testutils.ManuallyTriggeredScheduledExecutorService;
import org.apache.flink.util.function.SerializableSupplier;

/** The batch timer of {@link EnrichPosts}, run by the test: nothing fires until it says so. */
final class ManualTimers implements SerializableSupplier<ScheduledExecutorService> {
  private static final long serialVersionUID = 1L;

  final transient ManuallyTriggeredScheduledExecutorService executor =
      new ManuallyTriggeredScheduledExecutorService();

  @Override
  public ScheduledExecutorService get() {
    return executor;
  }
}
