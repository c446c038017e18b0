package io.challengeradar.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Renders elasticsearch.yml for one local node, alone or one of a local cluster. Only settings the
 * distribution knows are written: this build may lack x-pack modules, and Elasticsearch refuses
 * unknown settings.
 */
public final class ElasticsearchSettings {
  public static final String CLUSTER_NAME = "challenge-radar";
  static final String SECURITY_MODULE = "x-pack-security";

  private ElasticsearchSettings() {}

  /** The settings of a single node, in a stable order. */
  public static Map<String, String> render(
      ElasticsearchOptions options, ElasticsearchLayout layout, int transportPort,
      Set<String> modules) {
    return render(options, layout, transportPort, modules, ElasticsearchDiscovery.singleNode());
  }

  /** The settings of a node that finds the others as {@code discovery} says, in a stable order. */
  public static Map<String, String> render(
      ElasticsearchOptions options, ElasticsearchLayout layout, int transportPort,
      Set<String> modules, ElasticsearchDiscovery discovery) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("cluster.name", CLUSTER_NAME);
    settings.put("node.name", discovery.nodeName());
    if (discovery.single()) {
      settings.put("discovery.type", "single-node");
    } else {
      // List settings read a comma-separated string as the list.
      settings.put("discovery.seed_hosts", String.join(",", discovery.seedHosts()));
      // Read only when the cluster first forms; ignored once its state is on disk.
      settings.put("cluster.initial_master_nodes", String.join(",", discovery.initialMasters()));
    }
    // Loopback only: a developer platform, never reachable from the network.
    settings.put("network.host", "127.0.0.1");
    settings.put("http.port", Integer.toString(options.httpPort()));
    settings.put("transport.port", Integer.toString(transportPort));
    settings.put("path.data", layout.data().toString());
    settings.put("path.logs", layout.logs().toString());
    // The disk may be shared and fairly full; watermarks would turn the indices read-only.
    settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
    settings.put("action.destructive_requires_name", "false");
    if (options.secure()) {
      if (!modules.contains(SECURITY_MODULE)) {
        throw new PlatformException("this Elasticsearch distribution has no " + SECURITY_MODULE
            + " module, so it cannot run with TLS and users");
      }
      settings.putAll(ElasticsearchSecurity.settings());
    } else if (modules.contains(SECURITY_MODULE)) {
      // Local development over plain HTTP; with security on, every request would need credentials.
      settings.put("xpack.security.enabled", "false");
    }
    return settings;
  }

  /** The settings as YAML, every value a double-quoted string. */
  public static String toYaml(Map<String, String> settings) {
    StringBuilder out = new StringBuilder("# Written by the radar CLI at each start; edits are lost.\n");
    settings.forEach((key, value) -> out.append(key).append(": ").append(quote(value)).append('\n'));
    return out.toString();
  }

  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** The JVM options for the server: a fixed heap, so its memory use is known up front. */
  public static String javaOpts(ElasticsearchOptions options) {
    return "-Xms" + options.heapMb() + "m -Xmx" + options.heapMb() + "m";
  }
}
