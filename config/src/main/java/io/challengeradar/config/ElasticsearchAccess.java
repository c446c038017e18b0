package io.challengeradar.config;

import java.io.Serializable;
import java.util.List;

/**
 * How a client reaches Elasticsearch: the nodes, the credentials (basic or an API key, or none)
 * and the CA to trust for https (a PEM file or a SHA-256 fingerprint, or the JVM's trust store).
 * Every client (the job's sink, the query API, {@code radar reenrich}, the template installer,
 * {@code radar status}, the demo's read-back) is built from one of these by the contract's
 * {@code ElasticsearchClientFactory}, so they all accept the same settings.
 *
 * <p>Serializable: the job's sink carries it to the task managers and builds its client there.
 * {@link #toString()} masks the secrets, so a logged configuration never shows them.
 *
 * @param hosts node URLs, http or https, without user-info
 * @param username basic-auth user; null: no basic auth
 * @param password basic-auth password; set exactly when {@code username} is
 * @param apiKey encoded API key; null: none. Never together with a username
 * @param caFile PEM file of the CA certificate(s) to trust; null: none
 * @param caFingerprint SHA-256 fingerprint (hex, colons allowed) of a CA to trust; null: none
 */
public record ElasticsearchAccess(List<String> hosts, String username, String password,
    String apiKey, String caFile, String caFingerprint) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ElasticsearchAccess {
    hosts = List.copyOf(hosts);
    username = blankToNull(username);
    password = blankToNull(password);
    apiKey = blankToNull(apiKey);
    caFile = blankToNull(caFile);
    caFingerprint = blankToNull(caFingerprint);
    Origin origin = new Origin(Origin.Layer.CODE, "ElasticsearchAccess");
    CommonOptions.ELASTICSEARCH_HOSTS.check(hosts, origin);
    if (hosts.isEmpty()) {
      throw new ConfigException(CommonOptions.ELASTICSEARCH_HOSTS + " must name at least one URL");
    }
    if ((username == null) != (password == null)) {
      throw new ConfigException(username == null
          ? CommonOptions.ELASTICSEARCH_PASSWORD + " is set without "
              + CommonOptions.ELASTICSEARCH_USERNAME
          : CommonOptions.ELASTICSEARCH_USERNAME + " is set without "
              + CommonOptions.ELASTICSEARCH_PASSWORD + " (give it in the properties file or as "
              + CommonOptions.ELASTICSEARCH_PASSWORD.envVar() + ")");
    }
    if (username != null && apiKey != null) {
      throw new ConfigException("give either " + CommonOptions.ELASTICSEARCH_USERNAME + "/"
          + CommonOptions.ELASTICSEARCH_PASSWORD + " or " + CommonOptions.ELASTICSEARCH_API_KEY
          + ", not both");
    }
    if (caFile != null && caFingerprint != null) {
      throw new ConfigException("give either " + CommonOptions.ELASTICSEARCH_CA_FILE + " or "
          + CommonOptions.ELASTICSEARCH_CA_FINGERPRINT + ", not both");
    }
    if (caFingerprint != null) {
      CommonOptions.ELASTICSEARCH_CA_FINGERPRINT.check(caFingerprint, origin);
    }
  }

  /** Plain access to {@code hosts}: no credentials, the JVM's trust store (local servers, tests). */
  public static ElasticsearchAccess plain(List<String> hosts) {
    return new ElasticsearchAccess(hosts, null, null, null, null, null);
  }

  /** Plain access to one node. */
  public static ElasticsearchAccess plain(String url) {
    return plain(List.of(url));
  }

  /** The access {@code c} describes; {@code c} must read {@link CommonOptions#ELASTICSEARCH}. */
  public static ElasticsearchAccess from(Config c) {
    return new ElasticsearchAccess(c.get(CommonOptions.ELASTICSEARCH_HOSTS),
        c.get(CommonOptions.ELASTICSEARCH_USERNAME), c.get(CommonOptions.ELASTICSEARCH_PASSWORD),
        c.get(CommonOptions.ELASTICSEARCH_API_KEY), c.get(CommonOptions.ELASTICSEARCH_CA_FILE),
        c.get(CommonOptions.ELASTICSEARCH_CA_FINGERPRINT));
  }

  /** The same credentials and CA for other nodes. */
  public ElasticsearchAccess withHosts(List<String> newHosts) {
    return new ElasticsearchAccess(newHosts, username, password, apiKey, caFile, caFingerprint);
  }

  /** The same nodes and CA with basic-auth credentials. */
  public ElasticsearchAccess withBasicAuth(String user, String pass) {
    return new ElasticsearchAccess(hosts, user, pass, null, caFile, caFingerprint);
  }

  /** The same nodes and credentials, trusting the CA in {@code pemFile}. */
  public ElasticsearchAccess withCaFile(String pemFile) {
    return new ElasticsearchAccess(hosts, username, password, apiKey, pemFile, null);
  }

  /** How requests authenticate, for messages: "basic auth as radar", "an API key" or "none". */
  public String authentication() {
    if (username != null) {
      return "basic auth as " + username;
    }
    return apiKey != null ? "an API key" : "no credentials";
  }

  /** The settings a refused request points at: the ones that carry the credentials in use. */
  public String credentialSettings() {
    if (apiKey != null) {
      return CommonOptions.ELASTICSEARCH_API_KEY + " (" + CommonOptions.ELASTICSEARCH_API_KEY.envVar()
          + ")";
    }
    return CommonOptions.ELASTICSEARCH_USERNAME + " and " + CommonOptions.ELASTICSEARCH_PASSWORD
        + " (" + CommonOptions.ELASTICSEARCH_PASSWORD.envVar() + ")";
  }

  @Override
  public String toString() {
    return "ElasticsearchAccess[hosts=" + hosts + ", auth=" + authentication()
        + (caFile != null ? ", caFile=" + caFile : "")
        + (caFingerprint != null ? ", caFingerprint=" + caFingerprint : "") + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
