package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class StateBackendSettingsTest {
  @TempDir Path dir;

  @Test
  void theJobDefaultsToRocksDbWithIncrementalCheckpointsAndRetainsThemOnCancel() {
    JobConfig job = JobConfig.from(JobConfig.parseArgs(
        new String[] {"--kafka", "k:9092", "--checkpoints", "file:///tmp/radar-cp"}, Map.of()));
    assertThat(job.state()).isEqualTo(new StateBackendSettings("rocksdb", true));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobFactory.create(job).configure(env);

    var conf = env.getConfiguration();
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
  }

  @Test
  void theHeapByOptionAndForBoundedRunsUnlessChosen() {
    Config heap = JobConfig.parseArgs(new String[] {"--kafka", "k:9092",
        "--set", "job.state-backend=hashmap"}, Map.of());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobFactory.create(JobConfig.from(heap)).configure(env);
    assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS))
        .as("incremental is a RocksDB mode").isFalse();

    Config defaults = JobConfig.parseArgs(new String[] {"--kafka", "k:9092"}, Map.of());
    assertThat(StateBackendSettings.heapUnlessSet(defaults, "demo").get(StateBackendSettings.TYPE))
        .isEqualTo("hashmap");
    Config chosen = JobConfig.parseArgs(new String[] {"--kafka", "k:9092"},
        Map.of("RADAR_JOB_STATE_BACKEND", "rocksdb"));
    assertThat(StateBackendSettings.heapUnlessSet(chosen, "demo").get(StateBackendSettings.TYPE))
        .as("what the user chose wins").isEqualTo("rocksdb");

    assertThatThrownBy(() -> JobConfig.parseArgs(new String[] {"--kafka", "k:9092",
        "--set", "job.state-backend=forst"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rocksdb or hashmap");
  }

  @Test
  void aPipelineBuiltByHandKeepsStateOnTheHeap() {
    RadarPipeline job = RadarPipeline.builder()
        .sources(io.challengeradar.flink.source.PipelineSources.files(
            java.util.List.of(dir.resolve("e.ndjson"))))
        .outputs(new ElasticsearchOutputs(ElasticsearchSinkOptions.from(ItPipelines.config())))
        .build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    job.configure(env);
    assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
  }

  @Test
  void rocksDbsNativeLibraryLoadsOnThisPlatform() throws Exception {
    RocksDB.loadLibrary();
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, dir.resolve("db").toString())) {
      db.put("k".getBytes(), "v".getBytes());
      assertThat(new String(db.get("k".getBytes()))).isEqualTo("v");
    }
  }
}
