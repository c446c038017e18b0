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
      .check(l -> l.stream().noneMatch(CommonOptions::hasUserInfo),
          "must not carry credentials (user:password@): give them as elasticsearch.username and"
              + " elasticsearch.password (RADAR_ELASTICSEARCH_PASSWORD) or elasticsearch.api-key")
      .description("Elasticsearch node URLs, comma-separated; requests are spread over them."
          + " https for a cluster with TLS (see elasticsearch.ca-file).");

  public static final Option<String> ELASTICSEARCH_USERNAME =
      Option.key("elasticsearch.username").stringType()
          .description("User for HTTP basic authentication to Elasticsearch, with"
              + " elasticsearch.password; empty: none.");
  public static final Option<String> ELASTICSEARCH_PASSWORD =
      Option.key("elasticsearch.password").stringType().secret()
          .description("Password of elasticsearch.username. A secret: from the properties file"
              + " or RADAR_ELASTICSEARCH_PASSWORD only, never a command-line flag.");
  public static final Option<String> ELASTICSEARCH_API_KEY =
      Option.key("elasticsearch.api-key").stringType().secret()
          .description("Elasticsearch API key in its encoded form (base64 of id:key, as the"
              + " create-API-key call returns it), sent as 'Authorization: ApiKey'; instead of"
              + " username and password. A secret: file or RADAR_ELASTICSEARCH_API_KEY only.");
  public static final Option<String> ELASTICSEARCH_CA_FILE =
      Option.key("elasticsearch.ca-file").stringType()
          .description("PEM file with the CA certificate(s) that signed Elasticsearch's HTTP"
              + " certificate, trusted for https hosts; empty: the JVM's trust store. Host names"
              + " are verified against the certificate either way.");
  public static final Option<String> ELASTICSEARCH_CA_FINGERPRINT =
      Option.key("elasticsearch.ca-fingerprint").stringType()
          .check(CommonOptions::isSha256Hex, "must be a SHA-256 fingerprint: 64 hex digits,"
              + " colons allowed")
          .description("SHA-256 fingerprint of the CA certificate (as Elasticsearch prints it at"
              + " its first start), trusted for https hosts instead of elasticsearch.ca-file.");

  /** How to reach Elasticsearch: the hosts, the credentials, the CA; read by {@link ElasticsearchAccess}. */
  public static final OptionGroup ELASTICSEARCH = OptionGroup.of("elasticsearch",
      "How every client reaches Elasticsearch: nodes, credentials, the CA to trust.",
      ELASTICSEARCH_HOSTS, ELASTICSEARCH_USERNAME, ELASTICSEARCH_PASSWORD, ELASTICSEARCH_API_KEY,
      ELASTICSEARCH_CA_FILE, ELASTICSEARCH_CA_FINGERPRINT);

  public static final Option<java.net.URI> SERVING_URL = Option.key("serving.url").urlType()
      .description("The serving tier the job calls for enrichment, risk and participation, e.g."
          + " http://localhost:8081; empty: no enrichment (and so no intelligence).");

  public static final Option<String> SERVING_TOKEN = Option.key("serving.token").stringType()
      .secret()
      .check(t -> t.length() >= 16, "must be at least 16 characters")
      .description("Bearer token the serving tier checks on every call but its health endpoints"
          + " and /metrics, and that its clients (the job, radar reenrich) send; empty: none"
          + " (the tier then binds loopback only by default). A secret: the properties file or"
          + " RADAR_SERVING_TOKEN only.");

  static boolean hasUserInfo(String s) {
    try {
      return new java.net.URI(s).getRawUserInfo() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  static boolean isSha256Hex(String s) {
    return s.replace(":", "").matches("[0-9a-fA-F]{64}");
  }

  static boolean isHttpUrl(String s) {
    try {
      java.net.URI u = new java.net.URI(s);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
