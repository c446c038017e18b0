package io.challengeradar.api;

import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.RateLimiter;
import io.challengeradar.api.http.AccessLog;
import io.challengeradar.api.http.ApiHandler;
import io.challengeradar.api.http.ApiRoutes;
import io.challengeradar.api.http.ApiServer;
import io.challengeradar.api.query.CachedHealth;
import io.challengeradar.api.query.RadarQueries;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The query API process in one object: an Elasticsearch client, the query engine, the routes, and
 * the HTTP server. {@link #close()} stops the server, then closes the client.
 */
public final class QueryApi implements AutoCloseable {

  private final ElasticsearchConnection connection;
  private final CachedHealth health;
  private final ApiServer server;

  private QueryApi(ElasticsearchConnection connection, CachedHealth health, ApiServer server) {
    this.connection = connection;
    this.health = health;
    this.server = server;
  }

  /**
   * Starts answering on {@code options.port()}, reading {@code options.elasticsearchHosts()}.
   * Elasticsearch need not be up yet: requests are answered 503 until it is. Credentials it
   * refuses, or a certificate that is not trusted, stop the start with an {@link
   * io.challengeradar.contract.client.ElasticsearchAccessException} naming the setting.
   */
  public static QueryApi start(ApiOptions options, Access access, AccessLog log) {
    ElasticsearchConnection connection = ElasticsearchClients.create(options.elasticsearch());
    CachedHealth health = null;
    try {
      ElasticsearchClientFactory.checkAccess(connection.restClient(), options.elasticsearch());
      RadarQueries queries = new RadarQueries(connection.client(), options.backendRetryAfter());
      health = CachedHealth.start(queries::health, options.healthInterval());
      ApiHandler handler = new ApiHandler(new ApiRoutes(queries, health::latest).routes(), access,
          new RateLimiter(options.ratePerSecond(), options.burst()), log);
      return new QueryApi(connection, health,
          ApiServer.start(options.port(), options.threads(), options.limits(), handler));
    } catch (IOException e) {
      closeAll(health, connection);
      throw new UncheckedIOException("cannot listen on port " + options.port() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeAll(health, connection);
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public ApiServer server() {
    return server;
  }

  private static void closeAll(CachedHealth health, ElasticsearchConnection connection) {
    if (health != null) {
      health.close();
    }
    connection.close();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      closeAll(health, connection);
    }
  }
}
