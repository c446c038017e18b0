package io.challengeradar.contract.client;

import co.elastic.clients.transport.TransportUtils;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.ElasticsearchAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * The one way a low-level {@link RestClient} is built from {@link ElasticsearchAccess}: every
 * node, TLS with the configured CA (a PEM file or a SHA-256 fingerprint; otherwise the JVM's
 * trust store) and host-name verification left on, credentials sent preemptively in the
 * {@code Authorization} header (basic or {@code ApiKey}). The job's sink, the query API,
 * {@code radar reenrich}, the template installer, {@code radar status} and the demo's read-back
 * all come through here, so a setting that works for one works for all.
 */
public final class ElasticsearchClientFactory {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

  private ElasticsearchClientFactory() {}

  /** A client with the default timeouts; close it when done. */
  public static RestClient restClient(ElasticsearchAccess access) {
    return restClient(access, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
  }

  /** A client with the given TCP connect and socket (response) timeouts; close it when done. */
  public static RestClient restClient(ElasticsearchAccess access, Duration connectTimeout,
      Duration socketTimeout) {
    RestClientBuilder builder = RestClient.builder(hosts(access.hosts()))
        .setDefaultHeaders(headers(access))
        .setRequestConfigCallback(rc -> rc
            .setConnectTimeout((int) connectTimeout.toMillis())
            .setSocketTimeout((int) socketTimeout.toMillis()));
    SSLContext ssl = sslContext(access);
    if (ssl != null) {
      // Only the trust changes: the builder keeps its default host-name verifier.
      builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
    }
    return builder.build();
  }

  /**
   * Asks the cluster once, so that a process that cannot ever succeed says why at its start:
   * throws {@link ElasticsearchAccessException} when the credentials are refused (401) or TLS
   * fails; returns quietly otherwise, also when Elasticsearch cannot be reached yet (the caller
   * retries that as it would any outage) or when the user may not read cluster health (403).
   */
  public static void checkAccess(RestClient client, ElasticsearchAccess access) {
    try {
      client.performRequest(new Request("GET", "/_cluster/health"));
    } catch (IOException | RuntimeException e) {
      ElasticsearchAccessException.find(e, access)
          .filter(denied -> denied.status() != 403)
          .ifPresent(denied -> {
            throw denied;
          });
    }
  }

  static HttpHost[] hosts(List<String> urls) {
    HttpHost[] hosts = new HttpHost[urls.size()];
    for (int i = 0; i < hosts.length; i++) {
      try {
        hosts[i] = HttpHost.create(urls.get(i));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(CommonOptions.ELASTICSEARCH_HOSTS + ": not an http(s) URL: '"
            + urls.get(i) + "'");
      }
    }
    return hosts;
  }

  /** The {@code Authorization} header the access calls for, if any. */
  static Header[] headers(ElasticsearchAccess access) {
    if (access.username() != null) {
      String pair = access.username() + ":" + access.password();
      return new Header[] {new BasicHeader("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))};
    }
    if (access.apiKey() != null) {
      return new Header[] {new BasicHeader("Authorization", "ApiKey " + access.apiKey())};
    }
    return new Header[0];
  }

  /** The TLS context trusting the configured CA; null: the JVM's defaults. */
  public static SSLContext sslContext(ElasticsearchAccess access) {
    if (access.caFingerprint() != null) {
      return TransportUtils.sslContextFromCaFingerprint(access.caFingerprint().replace(":", ""));
    }
    if (access.caFile() != null) {
      return trusting(Path.of(access.caFile()));
    }
    return null;
  }

  /** A TLS context that trusts every certificate in the PEM file {@code pem}, and no other. */
  public static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new ConfigException(CommonOptions.ELASTICSEARCH_CA_FILE + ": " + pem
            + " holds no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new ConfigException(CommonOptions.ELASTICSEARCH_CA_FILE + ": cannot read " + pem
          + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new ConfigException(CommonOptions.ELASTICSEARCH_CA_FILE + ": " + pem
          + " is not a PEM certificate file: " + e.getMessage());
    }
  }
}
