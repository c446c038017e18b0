package io.challengeradar.config;

import java.util.List;

/**
 * Settings that several components read with one meaning: the job writes to the Elasticsearch
 * cluster the query API and {@code radar reenrich} read. Defined here once so that each of their
 * groups holds the same option.
 */
public final class CommonOptions {
  private CommonOptions() {}

  public static final Option<List<String>> ELASTICSEARCH_HOSTS = Option.key("elasticsearch.hosts")
      .listType().defaultValue(List.of("http://localhost:9200"))
      .check(l -> !l.isEmpty(), "must name at least one URL")
      .check(l -> l.stream().allMatch(CommonOptions::isHttpUrl),
          "must be URLs like http://localhost:9200")
      .description("Elasticsearch node URLs, comma-separated.");

  public static final Option<java.net.URI> SERVING_URL = Option.key("serving.url").urlType()
      .description("The serving tier the job calls for enrichment, risk and participation, e.g."
          + " http://localhost:8081; empty: no enrichment (and so no intelligence).");

  static boolean isHttpUrl(String s) {
    try {
      java.net.URI u = new java.net.URI(s);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
