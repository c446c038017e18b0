package io.challengeradar.api.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.api.BackendUnavailableException;
import io.challengeradar.contract.Index;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How every query reaches Elasticsearch: searches and counts that ignore indices not created yet
 * (a fresh platform answers with empty lists rather than errors), paging of their hits, and one
 * mapping of its failures (an outage is {@link BackendUnavailableException}, anything else it
 * refuses is a bug in a query and fails loudly).
 */
final class EsSearches {

  private final ElasticsearchClient client;
  private final Duration retryAfter;

  /**
   * @param retryAfter what to tell clients when Elasticsearch cannot be reached
   */
  EsSearches(ElasticsearchClient client, Duration retryAfter) {
    this.client = Objects.requireNonNull(client, "client");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  ElasticsearchClient client() {
    return client;
  }

  static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  static long total(SearchResponse<?> r) {
    return r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
  }

  static PageResult<ObjectNode> page(
      SearchResponse<ObjectNode> r, Function<Hit<ObjectNode>, ObjectNode> item) {
    return new PageResult<>(total(r), r.hits().hits().stream().map(item).toList());
  }

  SearchResponse<ObjectNode> search(List<Index> indices, Consumer<SearchRequest.Builder> body) {
    SearchRequest.Builder b = new SearchRequest.Builder()
        .index(Index.names(indices))
        .ignoreUnavailable(true)
        .allowNoIndices(true)
        .trackTotalHits(t -> t.enabled(true));
    body.accept(b);
    SearchRequest request = b.build();
    return call(() -> client.search(request, ObjectNode.class), "search of " + indices);
  }

  long count(List<Index> indices, Query query) {
    return call(() -> client.count(c -> c.index(Index.names(indices)).ignoreUnavailable(true)
        .allowNoIndices(true).query(query)), "count of " + indices).count();
  }

  /** Elasticsearch's own reasons, which "all shards failed" hides. */
  private static String rootCauses(ElasticsearchException e) {
    StringBuilder b = new StringBuilder();
    if (e.error() != null) {
      e.error().rootCause().forEach(c -> b.append("; ").append(c.type()).append(": ")
          .append(c.reason()));
    }
    return b.toString();
  }

  @FunctionalInterface
  interface EsCall<T> {
    T run() throws IOException;
  }

  /** Outages become 503s; anything else Elasticsearch refuses is a query bug here: a 500. */
  <T> T call(EsCall<T> call, String what) {
    try {
      return call.run();
    } catch (ElasticsearchException e) {
      int status = e.status();
      if (status == 429 || status == 502 || status == 503 || status == 504) {
        throw new BackendUnavailableException(
            "Elasticsearch is overloaded or starting (" + status + ")", retryAfter, e);
      }
      if (status == 401 || status == 403) {
        // The API's own credentials, not the caller's: a setting to fix, not a query bug.
        throw new BackendUnavailableException("Elasticsearch refused the API's credentials ("
            + status + "): check elasticsearch.username and elasticsearch.password or"
            + " elasticsearch.api-key", retryAfter, e);
      }
      throw new IllegalStateException(
          "Elasticsearch refused the " + what + ": " + e.getMessage() + rootCauses(e), e);
    } catch (IOException e) {
      throw new BackendUnavailableException(
          "Elasticsearch cannot be reached: " + e.getMessage(), retryAfter, e);
    }
  }
}
