package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFoldersTest {
  @TempDir Path base;

  private void check(int count) {
    ClusterFolders.requireSameSize(base, count, i -> base.resolve("node-" + i),
        dir -> ClusterFolders.nonEmpty(dir.resolve("data")), "Elasticsearch nodes", "--es-nodes");
  }

  private void withData(int node) throws Exception {
    Files.createDirectories(base.resolve("node-" + node).resolve("data").resolve("nodes"));
  }

  @Test
  void acceptsNoDataOrTheDataOfExactlyThatManyNodes() throws Exception {
    assertThatCode(() -> check(3)).doesNotThrowAnyException();
    withData(1);
    withData(2);
    withData(3);
    assertThatCode(() -> check(3)).doesNotThrowAnyException();
  }

  @Test
  void refusesMoreNodesThanTheDataWasWrittenBy() throws Exception {
    withData(1);
    assertThatThrownBy(() -> check(3)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("holds the data of 1 Elasticsearch nodes ([1]), not of 3")
        .hasMessageContaining("--es-nodes 1");
  }

  @Test
  void refusesFewerNodesThanTheDataWasWrittenBy() throws Exception {
    withData(1);
    withData(2);
    withData(3);
    assertThatThrownBy(() -> check(1)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("not of 1");
  }
}
