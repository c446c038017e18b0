package io.challengeradar.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * How far a local cluster of master-eligible nodes has formed, as its elected master sees it: the
 * nodes that joined, the last committed voting configuration and the health. Every node answering
 * is not yet enough to lose one: the cluster bootstraps its voting configuration with a
 * {@value #PLACEHOLDER} for a node not yet found, and losing the master before a real node
 * replaces it leaves the others no quorum; and a shard whose replica has not started is lost
 * with its node. {@link #shortfall} is empty once neither can happen.
 *
 * @param nodeIds the ids of the nodes in the cluster
 * @param votingConfig the ids in the last committed voting configuration, placeholders included
 * @param health green, yellow or red
 * @param unassignedShards shards not on any node
 */
public record ElasticsearchFormation(Set<String> nodeIds, List<String> votingConfig,
    String health, int unassignedShards) {

  /** How Elasticsearch names a bootstrap placeholder in the voting configuration. */
  public static final String PLACEHOLDER = "{bootstrap-placeholder}";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final ObjectMapper JSON = new ObjectMapper();

  public ElasticsearchFormation {
    nodeIds = Set.copyOf(nodeIds);
    votingConfig = List.copyOf(votingConfig);
  }

  /**
   * The size of the voting configuration Elasticsearch settles on once {@code nodes}
   * master-eligible nodes have all joined: {@code nodes} rounded down to an odd number (its
   * {@code Reconfigurator}; {@code cluster.auto_shrink_voting_configuration} is left at true). An
   * even count leaves one node out, as its extra vote would add no tolerance: four nodes vote
   * with three, two with one (whose loss stops the cluster; two nodes never survive a loss).
   */
  public static int settledVotingSize(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
    }
    return nodes % 2 == 0 ? nodes - 1 : nodes;
  }

  /** The bootstrap placeholders in the voting configuration. */
  public long placeholders() {
    return votingConfig.stream().filter(id -> id.startsWith(PLACEHOLDER)).count();
  }

  /**
   * True when the committed voting configuration is the one a cluster of {@code nodes} settles
   * on: no placeholder, {@link #settledVotingSize} ids, each of a node in the cluster.
   */
  public boolean votingSettled(int nodes) {
    return placeholders() == 0 && votingConfig.size() == settledVotingSize(nodes)
        && nodeIds.containsAll(votingConfig);
  }

  /**
   * What keeps a cluster meant to have {@code nodes} nodes from surviving the loss of one, in
   * the order it is reached (joins, then the voting configuration, then the replicas); empty
   * once every node joined, the voting configuration settled and the health is green.
   */
  public Optional<String> shortfall(int nodes) {
    if (nodeIds.size() != nodes) {
      return Optional.of(nodeIds.size() + " of " + nodes + " nodes joined");
    }
    if (placeholders() > 0) {
      return Optional.of("the voting configuration still holds " + placeholders()
          + " bootstrap placeholder(s) (" + votingConfig.size() + " entries)");
    }
    if (!votingSettled(nodes)) {
      return Optional.of("the voting configuration holds " + votingConfig.size()
          + " node(s), of which " + votingConfig.stream().filter(nodeIds::contains).count()
          + " in the cluster; " + settledVotingSize(nodes) + " expected for " + nodes
          + " nodes");
    }
    if (!"green".equals(health)) {
      return Optional.of("health " + health + ", not green (" + unassignedShards
          + " unassigned shard(s))");
    }
    return Optional.empty();
  }

  /** One phrase for the voting configuration, e.g. "voting configuration of 3 nodes committed". */
  public String describeVoting() {
    long placeholders = placeholders();
    return placeholders == 0
        ? "voting configuration of " + votingConfig.size() + " node(s) committed"
        : "voting configuration of " + votingConfig.size() + " entries, " + placeholders
            + " of them a bootstrap placeholder";
  }

  /** Reads the cluster's formation through {@code rest} (two requests, answered by the master). */
  public static ElasticsearchFormation read(RestClient rest) throws IOException {
    JsonNode state = get(rest, "/_cluster/state/nodes,metadata?filter_path=nodes.*.name,"
        + "metadata.cluster_coordination.last_committed_config");
    Set<String> nodeIds = new TreeSet<>();
    state.path("nodes").fieldNames().forEachRemaining(nodeIds::add);
    List<String> voting = new ArrayList<>();
    state.at("/metadata/cluster_coordination/last_committed_config")
        .forEach(id -> voting.add(id.asText()));
    JsonNode health = get(rest, "/_cluster/health?filter_path=status,unassigned_shards");
    return new ElasticsearchFormation(nodeIds, voting, health.path("status").asText("unknown"),
        health.path("unassigned_shards").asInt());
  }

  private static JsonNode get(RestClient rest, String path) throws IOException {
    try (InputStream body = rest.performRequest(new Request("GET", path)).getEntity()
        .getContent()) {
      return JSON.readTree(body);
    }
  }

  /**
   * Waits until {@code probe} shows a cluster of {@code nodes} that survives the loss of any one
   * of them ({@link #shortfall} empty) and returns it; past {@code timeout}, throws a
   * {@link PlatformException} naming what was not reached.
   */
  static ElasticsearchFormation await(LossReadiness.Probe<ElasticsearchFormation> probe,
      int nodes, Duration timeout) {
    return await(probe, nodes, timeout, POLL_INTERVAL);
  }

  static ElasticsearchFormation await(LossReadiness.Probe<ElasticsearchFormation> probe,
      int nodes, Duration timeout, Duration pollInterval) {
    return LossReadiness.await("the Elasticsearch cluster of " + nodes + " nodes", "a node",
        probe, f -> f.shortfall(nodes), timeout, pollInterval);
  }
}
