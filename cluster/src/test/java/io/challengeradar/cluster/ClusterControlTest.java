package io.challengeradar.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.infra.ElasticsearchCluster;
import io.challengeradar.infra.KafkaCluster;
import io.challengeradar.infra.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterControlTest {
  @TempDir Path home;

  @Test
  void stopsFlinkThenTheBrokersThenTheControllersThenTheElasticsearchNodesInNumberOrder()
      throws Exception {
    List<Path> recorded = List.of(
        home.resolve("elasticsearch-cluster/node-10"), home.resolve("elasticsearch-cluster/node-2"),
        home.resolve("kafka-cluster/controller-2"), home.resolve("kafka-cluster/broker-1"),
        home.resolve("flink/jobmanager"), home.resolve("kafka-cluster/controller-1"),
        home.resolve("flink/taskmanager-1"), home.resolve("kafka-cluster/broker-3"));
    for (Path dir : recorded) {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(StateFile.FILE_NAME), "");
    }
    // A node folder without a state file (stopped) is not listed.
    Files.createDirectories(home.resolve(ElasticsearchCluster.DIR_NAME).resolve("node-1"));

    assertThat(ClusterControl.stateFiles(home)).extracting(f -> home.relativize(f.getParent())
        .toString()).containsExactly("flink/taskmanager-1", "flink/jobmanager",
            KafkaCluster.DIR_NAME + "/broker-1", KafkaCluster.DIR_NAME + "/broker-3",
            KafkaCluster.DIR_NAME + "/controller-1", KafkaCluster.DIR_NAME + "/controller-2",
            ElasticsearchCluster.DIR_NAME + "/node-2", ElasticsearchCluster.DIR_NAME + "/node-10");
  }

  @Test
  void nothingRecordedStopsNothing() {
    assertThat(ClusterControl.down(home, java.time.Duration.ofSeconds(1))).isEmpty();
    assertThat(ClusterControl.status(home)).singleElement().asString()
        .startsWith("Flink cluster: not running");
  }
}
