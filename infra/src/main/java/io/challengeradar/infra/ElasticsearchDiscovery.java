package io.challengeradar.infra;

import java.util.List;
import java.util.Objects;

/**
 * How one Elasticsearch node finds the others: alone ({@code discovery.type: single-node}, what
 * {@code radar up} runs), or as one node of a local cluster, with every node's transport address
 * as seed hosts and every node's name as the initial master nodes (all nodes are
 * master-eligible, so three of them survive the loss of any one).
 *
 * @param nodeName node.name
 * @param seedHosts discovery.seed_hosts (host:transport-port of every node); empty: single-node
 * @param initialMasters cluster.initial_master_nodes; empty: single-node
 */
public record ElasticsearchDiscovery(String nodeName, List<String> seedHosts,
    List<String> initialMasters) {

  /** The node name of a single-node platform. */
  public static final String SINGLE_NODE_NAME = "radar-local";

  public ElasticsearchDiscovery {
    Objects.requireNonNull(nodeName, "nodeName");
    seedHosts = List.copyOf(seedHosts);
    initialMasters = List.copyOf(initialMasters);
    if (seedHosts.isEmpty() != initialMasters.isEmpty()) {
      throw new IllegalArgumentException("seedHosts and initialMasters go together: both empty"
          + " (single node) or both given");
    }
    if (!initialMasters.isEmpty() && !initialMasters.contains(nodeName)) {
      throw new IllegalArgumentException("node " + nodeName + " is not among the initial master"
          + " nodes " + initialMasters);
    }
  }

  /** One node on its own, as {@code radar up} runs it. */
  public static ElasticsearchDiscovery singleNode() {
    return new ElasticsearchDiscovery(SINGLE_NODE_NAME, List.of(), List.of());
  }

  /** Node {@code index} (1-based) of {@code transportPorts.size()} nodes on loopback. */
  public static ElasticsearchDiscovery member(int index, List<Integer> transportPorts) {
    if (index < 1 || index > transportPorts.size()) {
      throw new IllegalArgumentException("index must be in 1.." + transportPorts.size()
          + ", got " + index);
    }
    List<String> names = new java.util.ArrayList<>();
    for (int i = 1; i <= transportPorts.size(); i++) {
      names.add(nodeName(i));
    }
    return new ElasticsearchDiscovery(nodeName(index),
        transportPorts.stream().map(p -> "127.0.0.1:" + p).toList(), names);
  }

  /** The name of cluster node {@code index}. */
  public static String nodeName(int index) {
    return "radar-node-" + index;
  }

  public boolean single() {
    return seedHosts.isEmpty();
  }
}
