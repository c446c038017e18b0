package io.challengeradar.infra;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import java.util.List;
import org.elasticsearch.client.RestClient;

/**
 * Makes elasticsearch-java clients (8.19: 9.x clients refuse an 8.19 server) over the low-level
 * REST client, with Jackson writing java.time values as ISO-8601 strings.
 */
public final class ElasticsearchClients {
  private ElasticsearchClients() {}

  /** A client for {@code url} (e.g. http://127.0.0.1:9200); close the result when done. */
  public static ElasticsearchConnection create(String url) {
    return create(List.of(url));
  }

  /** A client spreading requests over the nodes at {@code urls}; close the result when done. */
  public static ElasticsearchConnection create(List<String> urls) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("urls: at least one Elasticsearch URL");
    }
    return create(ElasticsearchAccess.plain(urls));
  }

  /**
   * A client for the nodes, credentials and CA of {@code access} (built by the contract's
   * {@link ElasticsearchClientFactory}, as every client is); close the result when done.
   */
  public static ElasticsearchConnection create(ElasticsearchAccess access) {
    RestClient restClient = ElasticsearchClientFactory.restClient(access);
    RestClientTransport transport = new RestClientTransport(restClient, new JacksonJsonpMapper(mapper()));
    return new ElasticsearchConnection(String.join(",", access.hosts()),
        new ElasticsearchClient(transport), transport);
  }

  /** The Jackson mapper the clients use; documents with Instant fields serialise as strings. */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}
