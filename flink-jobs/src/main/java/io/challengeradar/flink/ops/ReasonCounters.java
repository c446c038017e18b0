package io.challengeradar.flink.ops;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One counter per reason under a metric group, created on first use so that new reasons need no
 * registration. Used from one task thread only, like all operator state.
 */
public final class ReasonCounters {
  private final MetricGroup group;
  private final Map<String, Counter> counters = new HashMap<>();

  public ReasonCounters(MetricGroup parent, String name) {
    this.group = parent.addGroup(name);
  }

  public void inc(String reason) {
    counters.computeIfAbsent(reason, group::counter).inc();
  }

  public void inc(String reason, long n) {
    counters.computeIfAbsent(reason, group::counter).inc(n);
  }
}
