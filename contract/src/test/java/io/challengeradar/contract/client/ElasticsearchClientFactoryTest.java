package io.challengeradar.contract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.challengeradar.config.ElasticsearchAccess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The headers the factory's clients send, checked by an in-process stub. API keys are tested
 * only here: the local Elasticsearch cannot create them (they need the security index, which
 * this distribution cannot build), so the secured IT covers basic auth and this the header.
 */
class ElasticsearchClientFactoryTest {
  static final String KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

  private HttpServer stub;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startStub() throws Exception {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      seen.add(String.valueOf(auth));
      boolean ok = ("ApiKey " + KEY).equals(auth)
          || "Basic cmFkYXI6czNjcmV0".equals(auth); // radar:s3cret
      byte[] body = (ok ? "{\"status\":\"green\"}"
          : "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate\"},"
              + "\"status\":401}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    stub.start();
  }

  @AfterEach
  void stopStub() {
    stub.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + stub.getAddress().getPort();
  }

  @Test
  void sendsTheApiKeyHeader() throws Exception {
    ElasticsearchAccess access = new ElasticsearchAccess(List.of(url()), null, null, KEY, null,
        null);
    try (RestClient client = ElasticsearchClientFactory.restClient(access)) {
      assertThat(client.performRequest(new Request("GET", "/_cluster/health"))
          .getStatusLine().getStatusCode()).isEqualTo(200);
    }
    assertThat(seen).containsExactly("ApiKey " + KEY);
  }

  @Test
  void sendsBasicAuthPreemptively() throws Exception {
    ElasticsearchAccess access = ElasticsearchAccess.plain(url()).withBasicAuth("radar", "s3cret");
    try (RestClient client = ElasticsearchClientFactory.restClient(access)) {
      ElasticsearchClientFactory.checkAccess(client, access);
    }
    assertThat(seen).containsExactly("Basic cmFkYXI6czNjcmV0");
  }

  @Test
  void aRefusedApiKeyIsOneErrorNamingItsSetting() throws Exception {
    ElasticsearchAccess access = new ElasticsearchAccess(List.of(url()), null, null, "wrong",
        null, null);
    try (RestClient client = ElasticsearchClientFactory.restClient(access)) {
      assertThatThrownBy(() -> ElasticsearchClientFactory.checkAccess(client, access))
          .isInstanceOf(ElasticsearchAccessException.class)
          .hasMessageContaining("401")
          .hasMessageContaining("elasticsearch.api-key (RADAR_ELASTICSEARCH_API_KEY)")
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void noCredentialsSendNoHeaderAndAnUnreachableClusterIsNotAnAccessError() throws Exception {
    ElasticsearchAccess access = ElasticsearchAccess.plain(url());
    try (RestClient client = ElasticsearchClientFactory.restClient(access)) {
      assertThatThrownBy(() -> ElasticsearchClientFactory.checkAccess(client, access))
          .isInstanceOf(ElasticsearchAccessException.class);
    }
    assertThat(seen).containsExactly("null");
    stub.stop(0);
    try (RestClient client = ElasticsearchClientFactory.restClient(access)) {
      ElasticsearchClientFactory.checkAccess(client, access);
    }
  }
}
