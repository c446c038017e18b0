package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.config.Origin;
import java.io.Serializable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * Where the job keeps its keyed state: RocksDB (on local disk, bounded by disk rather than heap,
 * with incremental checkpoints) or the heap ({@code hashmap}: faster to start and to run, bounded
 * by the TaskManager's heap; what tests, the demo, the backtest and the benchmarks use). The job
 * sets this itself, so every place it runs (MiniCluster, session cluster, Kubernetes) gets the
 * same backend from the same option; a cluster only has to carry the RocksDB library, as Flink's
 * distribution does.
 *
 * @param type {@code rocksdb} or {@code hashmap}
 * @param incremental whether a RocksDB checkpoint uploads only the files the previous one lacks
 */
public record StateBackendSettings(String type, boolean incremental) implements Serializable {
  public static final String ROCKSDB = "rocksdb";
  public static final String HASHMAP = "hashmap";

  public static final Option<String> TYPE = Option.key("job.state-backend").stringType()
      .defaultValue(ROCKSDB)
      .check(v -> ROCKSDB.equals(v) || HASHMAP.equals(v), "must be rocksdb or hashmap")
      .description("Where keyed state lives: rocksdb (local disk, for state larger than the heap;"
          + " the default for radar pipeline and radar submit) or hashmap (the heap: faster,"
          + " bounded by memory; radar demo, backtest and the benchmarks use it unless this is"
          + " set).");
  public static final Option<Boolean> INCREMENTAL = Option.key("job.state-backend.incremental")
      .booleanType().defaultValue(true)
      .description("With rocksdb: each checkpoint uploads only the files the previous one lacks"
          + " (a restore reads the chain of files it references). Ignored by hashmap.");

  /** The heap, as tests use it. */
  public static final StateBackendSettings HEAP = new StateBackendSettings(HASHMAP, false);

  public static StateBackendSettings from(Config c) {
    return new StateBackendSettings(c.get(TYPE), c.get(INCREMENTAL));
  }

  /**
   * {@code c} with the heap backend unless a file, the environment or a flag chose one: for the
   * bounded runs (demo, backtest, benchmarks) whose state fits the heap.
   */
  public static Config heapUnlessSet(Config c, String by) {
    return c.origin(TYPE).layer() == Origin.Layer.DEFAULT ? c.with(TYPE, HASHMAP, by) : c;
  }

  /** Sets the backend and its checkpoint mode on a job's configuration. */
  public void applyTo(Configuration conf) {
    conf.set(StateBackendOptions.STATE_BACKEND, type);
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, ROCKSDB.equals(type) && incremental);
  }
}
