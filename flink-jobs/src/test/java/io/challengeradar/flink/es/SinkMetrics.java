package io.challengeradar.flink.es;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The sink ITs' MiniCluster (one slot) with a metric reporter that keeps each finished job's
 * metrics, so a test reads back the sink's outcome counters. One per test class.
 */
final class SinkMetrics {
  private final InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();

  /** The MiniCluster reporting to this; register it with {@code @RegisterExtension}. */
  MiniClusterExtension miniCluster() {
    return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1)
        .setNumberSlotsPerTaskManager(1)
        .setConfiguration(reporter.addToConfiguration(new Configuration()))
        .build());
  }

  /** The sink's outcome counters (metric group "elasticsearch") of one finished job. */
  Map<String, Long> counters(JobID job) {
    Map<String, Long> counts = new TreeMap<>();
    for (Map.Entry<String, Metric> m : reporter.getMetricsByIdentifiers(job).entrySet()) {
      String id = m.getKey();
      int group = id.lastIndexOf(".elasticsearch.");
      if (group >= 0 && m.getValue() instanceof Counter c) {
        counts.merge(id.substring(group + ".elasticsearch.".length()), c.getCount(), Long::sum);
      }
    }
    return counts;
  }
}
