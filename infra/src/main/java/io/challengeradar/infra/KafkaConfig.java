package io.challengeradar.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders server.properties for one local KRaft node that is both broker and controller. */
public final class KafkaConfig {
  static final int NODE_ID = 1;

  private KafkaConfig() {}

  /** The broker's settings, in a stable order. */
  public static Map<String, String> render(KafkaOptions options, int controllerPort) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(NODE_ID));
    // A static one-voter quorum: the storage is formatted once, with no --standalone bootstrap.
    config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    config.put("listeners",
        "PLAINTEXT://127.0.0.1:" + options.port() + ",CONTROLLER://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + options.port());
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("log.dirs", options.dataDir().toAbsolutePath().toString());
    config.put("num.partitions", "1");
    config.put("auto.create.topics.enable", "true");
    // One broker: every internal topic has one replica, or it can never be created.
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
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
