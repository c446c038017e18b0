package io.challengeradar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.client.ServingClientException;
import io.challengeradar.serving.testing.Http;
import io.challengeradar.serving.testing.TestModels;
import io.challengeradar.serving.testing.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving tier with {@code serving.token} set: every call but health and metrics needs the
 * bearer token, refused with 401 before the body is read; the Java client sends it.
 */
class ServingTokenIT {
  static final String TOKEN = "serving-token-0123456789";

  @TempDir static Path storeDir;
  private static ServingNode node;

  @BeforeAll
  static void start() throws Exception {
    new TestStore(storeDir).participationHead("1", 2f, -1f);
    node = ServingNode.start(ServingNode.Options.from(TestModels.settings(storeDir)
        .with(CommonOptions.SERVING_TOKEN, TOKEN, "test"), storeDir));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static URI base() {
    return URI.create("http://127.0.0.1:" + node.port());
  }

  @Test
  void callsWithoutTheTokenAre401AndHealthAndMetricsStayOpen() throws Exception {
    Http http = new Http(node.port());
    assertThat(http.get("/v1/models").status()).isEqualTo(401);
    assertThat(http.post("/v1/embed", "{\"videos\":[{\"caption\":\"x\"}]}").status())
        .isEqualTo(401);
    assertThat(http.get("/health/live").status()).isEqualTo(200);
    assertThat(http.get("/metrics").status()).isEqualTo(200);

    HttpResponse<String> wrong = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base().resolve("/v1/models"))
            .header("Authorization", "Bearer " + TOKEN + "x").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(wrong.body()).contains("serving.token").doesNotContain(TOKEN);
  }

  @Test
  void theClientSendsTheToken() {
    try (ServingClient with = new ServingClient(ClientOptions.of(base()).withToken(TOKEN))) {
      assertThat(with.models()).isNotEmpty();
    }
    try (ServingClient without = new ServingClient(ClientOptions.of(base()))) {
      assertThatThrownBy(without::models).isInstanceOf(ServingClientException.class)
          .hasMessageContaining("401");
    }
    assertThat(ClientOptions.of(base()).withToken(TOKEN).toString()).doesNotContain(TOKEN);
  }

  @Test
  void listensOnLoopbackByDefault() {
    assertThat(ServingSettings.defaults().get(ServingSettings.BIND_ADDRESS))
        .isEqualTo("127.0.0.1");
  }
}
