package io.challengeradar.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders server.properties for one local KRaft node: broker and controller in one (alone), or a
 * broker-only or controller-only node of a {@link KafkaCluster}.
 */
public final class KafkaConfig {
  private KafkaConfig() {}

  /** The settings of a single node, in a stable order. */
  public static Map<String, String> render(KafkaOptions options, int controllerPort) {
    return render(options, KafkaQuorum.single(controllerPort));
  }

  /**
   * The settings of node {@code quorum.nodeId()}, in a stable order. A broker listens for
   * clients on {@code options.port()}; a controller-only node's one listener is its voter port.
   */
  public static Map<String, String> render(KafkaOptions options, KafkaQuorum quorum) {
    KafkaQuorum.Role role = quorum.role();
    String replicas = Integer.toString(quorum.replicationFactor());
    String minIsr = Integer.toString(quorum.minInsyncReplicas());
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", role.processRoles());
    config.put("node.id", Integer.toString(quorum.nodeId()));
    // A static quorum: the storage is formatted once, with no --standalone bootstrap.
    config.put("controller.quorum.voters", quorum.votersSetting());
    String client = "PLAINTEXT://127.0.0.1:" + options.port();
    String controller = role.isController()
        ? "CONTROLLER://127.0.0.1:" + quorum.controllerPort() : null;
    config.put("listeners", switch (role) {
      case COMBINED -> client + "," + controller;
      case BROKER -> client;
      case CONTROLLER -> controller;
    });
    if (role.isBroker()) {
      config.put("advertised.listeners", client);
    }
    config.put("controller.listener.names", "CONTROLLER");
    if (role.isBroker()) {
      config.put("inter.broker.listener.name", "PLAINTEXT");
    }
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("log.dirs", options.dataDir().toAbsolutePath().toString());
    config.put("num.partitions", "1");
    config.put("auto.create.topics.enable", "true");
    // Topics created without a replication factor (auto-created, or by KafkaReplay) get this
    // one; internal topics too: one broker can hold only one replica, three hold three. In KRaft
    // the controllers place new topics' replicas, so they read these settings too.
    config.put("default.replication.factor", replicas);
    config.put("min.insync.replicas", minIsr);
    config.put("offsets.topic.replication.factor", replicas);
    config.put("transaction.state.log.replication.factor", replicas);
    config.put("transaction.state.log.min.isr", minIsr);
    config.put("share.coordinator.state.topic.replication.factor", replicas);
    config.put("share.coordinator.state.topic.min.isr", minIsr);
    config.put("group.initial.rebalance.delay.ms", "0");
    return config;
  }

  /** The settings in java.util.Properties text form. */
  public static String toProperties(Map<String, String> config) {
    StringBuilder out = new StringBuilder("# Written by the radar CLI at each start; edits are lost.\n");
    config.forEach((key, value) -> out.append(key).append('=').append(escape(value)).append('\n'));
    return out.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
