package io.challengeradar.contract.client;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.ElasticsearchAccess;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.http.ConnectionClosedException;
import org.elasticsearch.client.ResponseException;

/**
 * Elasticsearch refused this client for a reason only a change of settings fixes: wrong
 * credentials (401), missing privileges (403), a certificate that is not trusted or does not name
 * the host. Retrying cannot help, so callers stop with this one message, which names the setting
 * to change, instead of retrying or restarting.
 */
public final class ElasticsearchAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  private ElasticsearchAccessException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** 401 or 403; 0 for a TLS failure. */
  public int status() {
    return status;
  }

  /**
   * The access failure somewhere in {@code error}'s causes, explained for {@code access}; empty
   * when {@code error} is something else (a timeout, a bad request...).
   */
  public static Optional<ElasticsearchAccessException> find(Throwable error,
      ElasticsearchAccess access) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ElasticsearchAccessException known) {
        return Optional.of(known);
      }
      int status = status(t);
      if (status == 401) {
        return Optional.of(new ElasticsearchAccessException("Elasticsearch at " + access.hosts()
            + " refused the credentials (401 Unauthorized, " + access.authentication()
            + "): check " + access.credentialSettings(), 401, error));
      }
      if (status == 403) {
        return Optional.of(new ElasticsearchAccessException("Elasticsearch at " + access.hosts()
            + " accepted the credentials but does not allow this request (403 Forbidden, "
            + access.authentication() + "): give that user the privileges docs/security.md"
            + " lists, or change " + access.credentialSettings(), 403, error));
      }
      if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
        return Optional.of(new ElasticsearchAccessException("TLS with Elasticsearch at "
            + access.hosts() + " failed (" + t.getMessage() + "): trust the CA that signed its"
            + " certificate with " + CommonOptions.ELASTICSEARCH_CA_FILE + " or "
            + CommonOptions.ELASTICSEARCH_CA_FINGERPRINT + ", and name the hosts as the"
            + " certificate does", 0, error));
      }
      if (t instanceof ConnectionClosedException
          && access.hosts().stream().allMatch(h -> h.startsWith("http:"))) {
        return Optional.of(new ElasticsearchAccessException("Elasticsearch at " + access.hosts()
            + " closed the connection without an answer: if it has TLS on HTTP, use https:// in "
            + CommonOptions.ELASTICSEARCH_HOSTS, 0, error));
      }
    }
    return Optional.empty();
  }

  /** {@code error} itself, or the access failure it stands for. */
  public static RuntimeException explain(Throwable error, ElasticsearchAccess access) {
    Optional<ElasticsearchAccessException> found = find(error, access);
    if (found.isPresent()) {
      return found.get();
    }
    return error instanceof RuntimeException r ? r : new RuntimeException(error);
  }

  private static int status(Throwable t) {
    if (t instanceof ElasticsearchException e) {
      return e.status();
    }
    if (t instanceof TransportException e) {
      return e.statusCode();
    }
    if (t instanceof ResponseException e) {
      return e.getResponse().getStatusLine().getStatusCode();
    }
    return -1;
  }
}
