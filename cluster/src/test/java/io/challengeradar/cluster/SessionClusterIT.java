package io.challengeradar.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.infra.Ports;
import io.challengeradar.infra.StateFile;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real session cluster as separate JVMs: it comes up, registers, loses a TaskManager, stops. */
class SessionClusterIT {
  @TempDir Path home;

  @Test
  void startsAJobManagerAndTaskManagersAsProcessesAndNoticesALostOne() throws Exception {
    FlinkClusterOptions options = FlinkClusterOptions.from(
            ClusterSettings.defaults().with(ClusterSettings.HEARTBEAT_TIMEOUT,
                Duration.ofSeconds(6), "test"), home)
        .withPorts(Ports.anyFree(), Ports.anyFree());
    try (FlinkCluster cluster = new FlinkCluster(options, new PrintStream(OutputStream.nullOutputStream())).start()) {
      FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
      FlinkRestClient.Overview overview = rest.requireOverview();
      assertThat(overview.taskManagers()).isEqualTo(2);
      assertThat(overview.slotsTotal()).isEqualTo(4);
      assertThat(overview.flinkVersion()).isEqualTo(BuildInfo.flinkVersion());
      assertThat(cluster.jobManager().pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(StateFile.read(options.jobManagerStateFile())).isPresent();
      assertThat(StateFile.read(options.taskManagerStateFile(2))).isPresent();

      cluster.taskManagers().get(0).kill();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (rest.requireOverview().taskManagers() != 1 && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertThat(rest.requireOverview().taskManagers()).isEqualTo(1);
      assertThat(Files.readString(options.logsDir().resolve("jobmanager.log")))
          .contains("StandaloneSessionClusterEntrypoint");
    }
    assertThat(StateFile.read(options.jobManagerStateFile())).isEmpty();
    assertThat(new FlinkRestClient(options.restUrl()).overview()).isEmpty();
  }

  @Test
  void aClusterThatIsDownGetsAClearError() {
    FlinkRestClient rest = new FlinkRestClient("http://127.0.0.1:" + Ports.anyFree());
    assertThatThrownBy(rest::requireOverview)
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("no Flink cluster answers at");
  }
}
