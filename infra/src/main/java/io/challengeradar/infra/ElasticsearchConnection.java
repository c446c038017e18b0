package io.challengeradar.infra;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.elasticsearch.client.RestClient;

/**
 * A client with the transport it owns; closing this closes the HTTP connections.
 *
 * @param url the server's URL
 * @param client the typed client
 * @param transport its transport (the low-level {@link RestClient} is {@code transport.restClient()})
 */
public record ElasticsearchConnection(
    String url, ElasticsearchClient client, RestClientTransport transport)
    implements AutoCloseable {

  public RestClient restClient() {
    return transport.restClient();
  }

  @Override
  public void close() {
    try {
      transport.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the client of " + url, e);
    }
  }
}
