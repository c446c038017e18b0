package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigRenderingTest {
  private static final Path HOME = Path.of("/project/.radar");
  private static final Config SETTINGS =
      PlatformSettings.defaults().with(PlatformSettings.ES_PORT, 19200, "test");
  private static final Path DIST = Path.of("/build/elasticsearch-8.19.21");
  private static final ElasticsearchOptions ES = ElasticsearchOptions.from(SETTINGS, HOME, DIST);
  private static final ElasticsearchLayout LAYOUT =
      ElasticsearchLayout.plan(ES, RunAs.currentUser(), path -> Optional.empty());

  @Test
  void rendersASingleLoopbackNodeWithProjectLocalFolders() {
    Map<String, String> settings = ElasticsearchSettings.render(ES, LAYOUT, 19300, Set.of());

    assertThat(settings)
        .containsEntry("discovery.type", "single-node")
        .containsEntry("network.host", "127.0.0.1")
        .containsEntry("http.port", "19200")
        .containsEntry("transport.port", "19300")
        .containsEntry("path.data", "/project/.radar/elasticsearch/data")
        .containsEntry("path.logs", "/project/.radar/elasticsearch/logs")
        .containsEntry("cluster.routing.allocation.disk.threshold_enabled", "false");
  }

  @Test
  void disablesSecurityOnlyWhenTheDistributionHasIt() {
    assertThat(ElasticsearchSettings.render(ES, LAYOUT, 19300, Set.of("transport-netty4")))
        .doesNotContainKey("xpack.security.enabled");
    assertThat(ElasticsearchSettings.render(ES, LAYOUT, 19300, Set.of("x-pack-security")))
        .containsEntry("xpack.security.enabled", "false");
  }

  @Test
  void quotesEveryYamlValue() {
    String yaml = ElasticsearchSettings.toYaml(
        Map.of("path.data", "/odd \"dir\"\\x", "http.port", "9200"));

    assertThat(yaml)
        .contains("path.data: \"/odd \\\"dir\\\"\\\\x\"\n")
        .contains("http.port: \"9200\"\n");
  }

  @Test
  void fixesTheHeapBothWays() {
    ElasticsearchOptions es = ElasticsearchOptions.from(
        SETTINGS.with(PlatformSettings.ES_HEAP_MB, 768, "test"), HOME, DIST);

    assertThat(ElasticsearchSettings.javaOpts(es)).isEqualTo("-Xms768m -Xmx768m");
  }

  @Test
  void rendersAKraftNodeThatIsBrokerAndController() {
    KafkaOptions kafka = KafkaOptions.defaults(HOME).withPort(19092);

    Map<String, String> config = KafkaConfig.render(kafka, 19093);

    assertThat(config)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
        .containsEntry("log.dirs", "/project/.radar/kafka/data")
        .containsEntry("offsets.topic.replication.factor", "1");
    assertThat(KafkaConfig.toProperties(config)).contains("node.id=1\n");
  }

  @Test
  void rendersAClusterNodeThatFindsTheOthersByTheirTransportPorts() {
    Map<String, String> settings = ElasticsearchSettings.render(ES, LAYOUT, 19301, Set.of(),
        ElasticsearchDiscovery.member(2, List.of(19300, 19301, 19302)));

    assertThat(settings)
        .doesNotContainKey("discovery.type")
        .containsEntry("node.name", "radar-node-2")
        .containsEntry("discovery.seed_hosts", "127.0.0.1:19300,127.0.0.1:19301,127.0.0.1:19302")
        .containsEntry("cluster.initial_master_nodes", "radar-node-1,radar-node-2,radar-node-3")
        .containsEntry("transport.port", "19301");
  }

  private static final List<KafkaQuorum.Voter> THREE_CONTROLLERS = List.of(
      new KafkaQuorum.Voter(101, 19093), new KafkaQuorum.Voter(102, 19095),
      new KafkaQuorum.Voter(103, 19097));

  @Test
  void threeBrokersReplicateTopicsThreeTimesAndAcknowledgeOnTwo() {
    KafkaQuorum quorum =
        new KafkaQuorum(3, KafkaQuorum.Role.BROKER, THREE_CONTROLLERS, 3, "id");
    KafkaOptions kafka = KafkaOptions.defaults(HOME).withPort(19096);

    Map<String, String> config = KafkaConfig.render(kafka, quorum);

    assertThat(config)
        .containsEntry("process.roles", "broker")
        .containsEntry("node.id", "3")
        .containsEntry("controller.quorum.voters",
            "101@127.0.0.1:19093,102@127.0.0.1:19095,103@127.0.0.1:19097")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2");
    assertThat(KafkaConfig.render(kafka, new KafkaQuorum(2, KafkaQuorum.Role.BROKER,
            List.of(new KafkaQuorum.Voter(101, 19093)), 2, "id")))
        .containsEntry("default.replication.factor", "2")
        .containsEntry("min.insync.replicas", "1");
  }

  @Test
  void aBrokerOnlyNodeListensForClientsAndNotAsAController() {
    KafkaOptions kafka = KafkaOptions.defaults(HOME).withPort(19096);

    Map<String, String> config = KafkaConfig.render(kafka,
        new KafkaQuorum(3, KafkaQuorum.Role.BROKER, THREE_CONTROLLERS, 3, "id"));

    assertThat(config)
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19096")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19096")
        .containsEntry("inter.broker.listener.name", "PLAINTEXT")
        .containsEntry("controller.listener.names", "CONTROLLER");
  }

  @Test
  void aControllerOnlyNodeHasOnlyItsControllerListener() {
    KafkaOptions kafka = KafkaOptions.defaults(HOME).withPort(19095);

    Map<String, String> config = KafkaConfig.render(kafka,
        new KafkaQuorum(102, KafkaQuorum.Role.CONTROLLER, THREE_CONTROLLERS, 3, "id"));

    assertThat(config)
        .containsEntry("process.roles", "controller")
        .containsEntry("node.id", "102")
        .containsEntry("listeners", "CONTROLLER://127.0.0.1:19095")
        .containsEntry("default.replication.factor", "3")
        .doesNotContainKeys("advertised.listeners", "inter.broker.listener.name");
  }

  @Test
  void aQuorumRefusesABrokerAmongItsVotersAndAControllerOutsideThem() {
    assertThatThrownBy(() -> new KafkaQuorum(101, KafkaQuorum.Role.BROKER, THREE_CONTROLLERS, 3,
        "id")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be");
    assertThatThrownBy(() -> new KafkaQuorum(1, KafkaQuorum.Role.CONTROLLER, THREE_CONTROLLERS,
        3, "id")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be");
  }
}
