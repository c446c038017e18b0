package io.challengeradar.infra;

import java.util.List;

/**
 * Where one KRaft node stands among the others: its id, the controller quorum's voters (every
 * node is broker and controller, as {@code radar up}'s single node is) and how many brokers there
 * are, which decides the replication of topics: {@code min(brokers, 3)} replicas, and
 * {@code min.insync.replicas} 2 once there are three, so an acknowledged record survives the loss
 * of any one broker.
 *
 * @param nodeId node.id
 * @param controllerPorts every node's controller port, node 1 first
 * @param clusterId the cluster id every node's storage is formatted with; null: a fresh one
 */
public record KafkaQuorum(int nodeId, List<Integer> controllerPorts, String clusterId) {

  public KafkaQuorum {
    controllerPorts = List.copyOf(controllerPorts);
    if (nodeId < 1 || nodeId > controllerPorts.size()) {
      throw new IllegalArgumentException("nodeId must be in 1.." + controllerPorts.size()
          + ", got " + nodeId);
    }
  }

  /** One node, broker and controller, its controller on {@code controllerPort}. */
  public static KafkaQuorum single(int controllerPort) {
    return new KafkaQuorum(1, List.of(controllerPort), null);
  }

  public int brokers() {
    return controllerPorts.size();
  }

  /** controller.quorum.voters: id@127.0.0.1:port for each node. */
  public String voters() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < controllerPorts.size(); i++) {
      out.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:")
          .append(controllerPorts.get(i));
    }
    return out.toString();
  }

  /** Replicas of each topic, internal ones included. */
  public int replicationFactor() {
    return Math.min(brokers(), 3);
  }

  /** The replicas that must have a record before it is acknowledged to acks=all producers. */
  public int minInsyncReplicas() {
    return replicationFactor() >= 3 ? 2 : 1;
  }

  public int controllerPort() {
    return controllerPorts.get(nodeId - 1);
  }

  /** The same quorum seen from node {@code id}. */
  public KafkaQuorum forNode(int id) {
    return new KafkaQuorum(id, controllerPorts, clusterId);
  }
}
