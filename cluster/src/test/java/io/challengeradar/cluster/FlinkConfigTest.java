package io.challengeradar.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkConfigTest {
  private final FlinkClusterOptions options = new FlinkClusterOptions(8091, 6123, 2, 2, 1280, 128,
      1024, Duration.ofSeconds(15), Duration.ofSeconds(90), Duration.ofSeconds(30),
      Path.of("/srv/radar/flink"), Path.of("/srv/flink-lib"), true);

  @Test
  void rendersLoopbackPortsFoldersAndRetainedCheckpointsButLeavesTheStateBackendToTheJob() {
    Map<String, String> conf = FlinkConfig.render(options);

    assertThat(conf).containsEntry("rest.port", "8091")
        .containsEntry("rest.bind-address", "127.0.0.1")
        .containsEntry("jobmanager.rpc.port", "6123")
        .containsEntry("taskmanager.numberOfTaskSlots", "2")
        .containsEntry("execution.checkpointing.externalized-checkpoint-retention",
            "RETAIN_ON_CANCELLATION")
        .containsEntry("execution.checkpointing.dir", "file:///srv/radar/flink/checkpoints")
        .containsEntry("heartbeat.timeout", "15000ms")
        .containsEntry("heartbeat.interval", "3000ms")
        // The job sets its backend itself (job.state-backend), one option wherever it runs.
        .doesNotContainKeys("state.backend.type", "execution.checkpointing.incremental");
  }

  @Test
  void computesTheMemoryFlagsFlinksScriptsWouldPass() {
    Map<String, String> conf = FlinkConfig.render(options);

    FlinkConfig.ProcessMemory tm = FlinkConfig.taskManagerMemory(conf);
    FlinkConfig.ProcessMemory jm = FlinkConfig.jobManagerMemory(conf);

    assertThat(tm.jvmFlags()).anyMatch(f -> f.startsWith("-Xmx"))
        .anyMatch(f -> f.startsWith("-XX:MaxDirectMemorySize="));
    // The runner refuses to start unless each memory component is given explicitly.
    assertThat(String.join(" ", tm.dynamicProperties()))
        .contains("taskmanager.memory.task.heap.size=")
        .contains("taskmanager.memory.managed.size=134217728b")
        .contains("taskmanager.memory.network.min=");
    assertThat(jm.jvmFlags()).anyMatch(f -> f.startsWith("-Xmx"));
    long heap = Long.parseLong(jm.jvmFlags().stream().filter(f -> f.startsWith("-Xmx"))
        .findFirst().orElseThrow().substring(4));
    assertThat(heap).isBetween(256L << 20, 1024L << 20);
  }

  @Test
  void yamlQuotesEveryValue() {
    assertThat(FlinkConfig.yaml(Map.of("a.b", "x: \"y\"")))
        .endsWith("a.b: \"x: \\\"y\\\"\"\n");
  }
}
