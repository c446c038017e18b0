package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterTest {
  @TempDir Path base;

  private void formatted(Path nodeDir) throws Exception {
    Files.createDirectories(nodeDir.resolve("data"));
    Files.writeString(nodeDir.resolve("data").resolve("meta.properties"), "node.id=1\n");
  }

  @Test
  void oneBrokerIsItsOwnControllerAndThreeOrMoreGetAQuorumOfThree() {
    assertThat(KafkaCluster.controllersFor(1)).isZero();
    assertThat(KafkaCluster.controllersFor(2)).isEqualTo(1);
    assertThat(KafkaCluster.controllersFor(3)).isEqualTo(3);
    assertThat(KafkaCluster.controllersFor(9)).isEqualTo(3);
  }

  @Test
  void acceptsNoDataOrTheDataOfTheSameBrokersAndControllers() throws Exception {
    assertThatCode(() -> KafkaCluster.requireLayout(base, 3)).doesNotThrowAnyException();
    for (int i = 1; i <= 3; i++) {
      formatted(KafkaCluster.brokerDir(base, i));
      formatted(KafkaCluster.controllerDir(base, i));
    }
    assertThatCode(() -> KafkaCluster.requireLayout(base, 3)).doesNotThrowAnyException();
  }

  @Test
  void acceptsASingleBrokerThatIsItsOwnController() throws Exception {
    formatted(KafkaCluster.brokerDir(base, 1));

    assertThatCode(() -> KafkaCluster.requireLayout(base, 1)).doesNotThrowAnyException();
  }

  @Test
  void refusesBrokersThatWereTheirOwnControllers() throws Exception {
    for (int i = 1; i <= 3; i++) {
      formatted(KafkaCluster.brokerDir(base, i));
    }

    assertThatThrownBy(() -> KafkaCluster.requireLayout(base, 3))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("brokers that are their own controllers")
        .hasMessageContaining("delete " + base);
  }

  @Test
  void refusesControllersWithoutTheirBrokersOrBesideASingleBroker() throws Exception {
    formatted(KafkaCluster.controllerDir(base, 1));
    assertThatThrownBy(() -> KafkaCluster.requireLayout(base, 2))
        .isInstanceOf(PlatformException.class).hasMessageContaining("and of no broker");

    formatted(KafkaCluster.brokerDir(base, 1));
    assertThatThrownBy(() -> KafkaCluster.requireLayout(base, 1))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("controllers [1]").hasMessageContaining("not of the 0");
  }
}
