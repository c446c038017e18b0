package io.challengeradar.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Settings that several components read and that must therefore be one {@link Option} instance
 * in each of their groups: the streaming job's sink writes where the query API reads.
 */
public final class CommonOptions {
  private CommonOptions() {}

  public static final Option<List<String>> ELASTICSEARCH_HOSTS = Option.key("elasticsearch.hosts")
      .listType().defaultValue(List.of("http://localhost:9200"))
      .check(hosts -> !hosts.isEmpty(), "must name at least one URL")
      .check(hosts -> hosts.stream().allMatch(CommonOptions::isHttpUrl),
          "must be http(s) URLs like http://localhost:9200, comma-separated")
      .description("Elasticsearch's HTTP URLs, comma-separated (the nodes of one cluster).");

  private static boolean isHttpUrl(String text) {
    try {
      URI u = new URI(text);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
