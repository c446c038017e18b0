package io.challengeradar.infra;

import java.util.List;
import java.util.Objects;

/**
 * Where one KRaft node stands among the others: its id and role, the controller quorum's voters,
 * and how many brokers there are, which decides the replication of topics: {@code min(brokers,
 * 3)} replicas, and {@code min.insync.replicas} 2 once there are three, so an acknowledged record
 * survives the loss of any one broker.
 *
 * @param nodeId node.id
 * @param role what the process is: broker and controller in one ({@code radar up}'s single
 *     node), or one of the two, as the nodes of a multi-broker {@link KafkaCluster} are
 * @param voters the controllers, in the order of controller.quorum.voters
 * @param brokers how many brokers the cluster has
 * @param clusterId the cluster id every node's storage is formatted with; null: a fresh one
 */
public record KafkaQuorum(int nodeId, Role role, List<Voter> voters, int brokers,
    String clusterId) {

  /** A KRaft process.roles value. */
  public enum Role {
    COMBINED("broker,controller"),
    BROKER("broker"),
    CONTROLLER("controller");

    private final String processRoles;

    Role(String processRoles) {
      this.processRoles = processRoles;
    }

    /** The process.roles setting. */
    public String processRoles() {
      return processRoles;
    }

    public boolean isBroker() {
      return this != CONTROLLER;
    }

    public boolean isController() {
      return this != BROKER;
    }
  }

  /** One controller of the quorum: its node.id and the port of its CONTROLLER listener. */
  public record Voter(int id, int port) {
    public Voter {
      Ports.checkPort("port", port);
    }
  }

  /**
   * A cluster's controller j is node {@code CONTROLLER_ID_OFFSET + j}, so broker i stays node i
   * (the id Kafka names as a partition's leader).
   */
  public static final int CONTROLLER_ID_OFFSET = 100;

  public KafkaQuorum {
    Objects.requireNonNull(role, "role");
    voters = List.copyOf(voters);
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("voters must not be empty");
    }
    if (brokers < 1) {
      throw new IllegalArgumentException("brokers must be at least 1, got " + brokers);
    }
    boolean voter = voters.stream().anyMatch(v -> v.id() == nodeId);
    if (voter != role.isController()) {
      throw new IllegalArgumentException("node " + nodeId + " (" + role.processRoles() + ") must "
          + (role.isController() ? "" : "not ") + "be one of the voters " + voters);
    }
  }

  /** One node, broker and controller, its controller on {@code controllerPort}. */
  public static KafkaQuorum single(int controllerPort) {
    return new KafkaQuorum(1, Role.COMBINED, List.of(new Voter(1, controllerPort)), 1, null);
  }

  /** controller.quorum.voters: id@127.0.0.1:port for each controller. */
  public String votersSetting() {
    StringBuilder out = new StringBuilder();
    for (Voter v : voters) {
      out.append(out.length() == 0 ? "" : ",").append(v.id()).append("@127.0.0.1:")
          .append(v.port());
    }
    return out.toString();
  }

  /** Replicas of each topic, internal ones included. */
  public int replicationFactor() {
    return Math.min(brokers, 3);
  }

  /** The replicas that must have a record before it is acknowledged to acks=all producers. */
  public int minInsyncReplicas() {
    return replicationFactor() >= 3 ? 2 : 1;
  }

  /** This node's controller port; only a controller has one. */
  public int controllerPort() {
    return voters.stream().filter(v -> v.id() == nodeId).findFirst()
        .orElseThrow(() -> new IllegalStateException("node " + nodeId + " is no controller"))
        .port();
  }

  /** A controller's number among the cluster's controllers (1 for node 101). */
  public int controllerNumber() {
    return nodeId - CONTROLLER_ID_OFFSET;
  }

  /** The same quorum seen from node {@code id} in {@code role}. */
  public KafkaQuorum forNode(int id, Role role) {
    return new KafkaQuorum(id, role, voters, brokers, clusterId);
  }
}
