package io.challengeradar.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.auth.RateLimiter;
import io.challengeradar.api.query.RadarQueries;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing, keys, validation and the rate limit, with no server: requests go straight to the
 * dispatcher, and the Elasticsearch it would ask is a closed port (so a request that gets past
 * every check is answered 503, which is also what an outage must look like).
 */
class ApiHandlerTest {

  private static final String KEY = "test-key-0123456789abcdef";
  private static final Map<String, String> WITH_KEY = Map.of("X-API-Key", KEY);

  private final AtomicLong nanos = new AtomicLong();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private ElasticsearchConnection deadElasticsearch;
  private ApiHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    deadElasticsearch = ElasticsearchClients.create("http://127.0.0.1:" + closedPort);
    handler = handler(new RateLimiter(100, 3, nanos::get));
  }

  private ApiHandler handler(RateLimiter limiter) {
    RadarQueries queries = new RadarQueries(deadElasticsearch.client(), Duration.ofSeconds(7));
    AccessLog log = new AccessLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8),
        Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
    return new ApiHandler(new ApiRoutes(queries).routes(),
        Access.keys(ApiKeys.fromList(KEY)), limiter, log);
  }

  @AfterEach
  void tearDown() {
    deadElasticsearch.close();
  }

  private ApiResponse get(String pathAndQuery, Map<String, String> headers) {
    return handler.handle(ApiRequest.get(pathAndQuery, headers));
  }

  private static JsonNode json(ApiResponse r) throws IOException {
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void refusesRequestWithoutKey() throws IOException {
    ApiResponse r = get("/v1/challenges/emerging", Map.of());
    assertThat(r.status()).isEqualTo(401);
    assertThat(json(r).path("error").asText()).isEqualTo("unauthorized");
  }

  @Test
  void refusesWrongKeyEvenOnUnknownPaths() {
    assertThat(get("/v1/challenges/emerging", Map.of("X-API-Key", "wrong-key-0123456789")).status())
        .isEqualTo(401);
    assertThat(get("/v1/nothing-here", Map.of()).status()).isEqualTo(401);
  }

  @Test
  void acceptsBearerKeyAndAnswers503WithRetryAfterWhenElasticsearchIsDown() throws IOException {
    ApiResponse r = get("/v1/challenges/emerging", Map.of("Authorization", "Bearer " + KEY));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.headers()).containsEntry("Retry-After", "7");
    assertThat(json(r).path("error").asText()).isEqualTo("unavailable");
  }

  @Test
  void healthAndOpenApiNeedNoKey() throws IOException {
    ApiResponse health = get("/v1/health", Map.of());
    assertThat(health.status()).isEqualTo(503);
    assertThat(json(health).path("elasticsearch").path("reachable").asBoolean()).isFalse();
    ApiResponse openApi = get("/v1/openapi.json", Map.of());
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(json(openApi).path("openapi").asText()).startsWith("3.0");
  }

  @Test
  void refusesSizeOverTheMaximumNamingTheField() {
    ApiResponse r = get("/v1/challenges/emerging?size=101", WITH_KEY);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text())
        .isEqualTo("{\"error\":\"bad_request\",\"field\":\"size\",\"reason\":\"must be between 1 and 100\"}");
  }

  @Test
  void refusesEachBadParameterNamingIt() throws IOException {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("/v1/challenges/emerging?size=ten", "size"),
        Map.entry("/v1/challenges/emerging?szie=5", "szie"),
        Map.entry("/v1/challenges/emerging?since=yesterday", "since"),
        Map.entry("/v1/challenges/emerging?stage=EMERGING,BOOMING", "stage"),
        Map.entry("/v1/challenges/emerging?sort=views", "sort"),
        Map.entry("/v1/challenges/emerging?kind=song", "kind"),
        Map.entry("/v1/challenges/playlist/dance", "kind"),
        Map.entry("/v1/challenges/hashtag/dance/timeline?from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z", "to"),
        Map.entry("/v1/videos/v1?include=everything", "include"),
        Map.entry("/v1/users/u1/challenges?page=0", "page"),
        Map.entry("/v1/challenges/hashtag/dance/curve?points=0", "points"),
        Map.entry("/v1/challenges/hashtag/dance/related?size=51", "size"),
        Map.entry("/v1/challenges/hashtag/dance/videos?sort=likes", "sort"),
        Map.entry("/v1/challenges/search?kind=hashtag", "q"));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
      ApiResponse r = get(c.getKey(), WITH_KEY);
      assertThat(r.status()).as(c.getKey()).isEqualTo(400);
      assertThat(json(r).path("field").asText()).as(c.getKey()).isEqualTo(c.getValue());
      assertThat(json(r).path("reason").asText()).as(c.getKey()).isNotBlank();
    }
  }

  @Test
  void servesTheExplorerPageWithoutAKeyAndWithHeadersThatForbidInlineScriptAndFraming() {
    ApiResponse page = get("/", Map.of());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.text()).contains("<script type=\"module\" src=\"app.js\"></script>")
        .doesNotContain("onclick", "javascript:");
    String csp = page.headers().get("Content-Security-Policy");
    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers()).containsEntry("X-Content-Type-Options", "nosniff");
    ApiResponse script = get("/app.js", Map.of());
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).startsWith("text/javascript");
    assertThat(script.headers()).containsKey("Content-Security-Policy");
    assertThat(get("/style.css", Map.of()).contentType()).startsWith("text/css");
  }

  @Test
  void servesOnlyThePagesOwnFilesAndNoOtherResource() {
    for (String path : new String[] {"/nothing.js", "/../openapi.json", "/%2e%2e/openapi.json",
        "/io/challengeradar/api/openapi.json", "/App.js", "/app.js/x"}) {
      assertThat(get(path, Map.of()).status()).as(path).isEqualTo(404);
    }
    assertThat(handler.handle(new ApiRequest("POST", "/", null, Map.of())).status()).isEqualTo(405);
  }

  @Test
  void theExplorersDataCallsNeedAKey() {
    for (String path : new String[] {"/v1/pipeline/health", "/v1/challenges/hashtag/x/curve",
        "/v1/challenges/hashtag/x/related", "/v1/challenges/hashtag/x/videos",
        "/v1/challenges/search?q=x"}) {
      assertThat(get(path, Map.of()).status()).as(path).isEqualTo(401);
    }
  }

  @Test
  void refusesParameterGivenTwice() throws IOException {
    ApiResponse r = get("/v1/challenges/emerging?size=5&size=6", WITH_KEY);
    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("reason").asText()).isEqualTo("given more than once");
  }

  @Test
  void answersUnknownEndpoint404AndWrongMethod405() {
    assertThat(get("/v1/challenges", WITH_KEY).status()).isEqualTo(404);
    ApiResponse post = handler.handle(
        new ApiRequest("POST", "/v1/challenges/emerging", null, WITH_KEY));
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.headers()).containsEntry("Allow", "GET");
  }

  @Test
  void limitsEachKeyToItsBurstThenRefillsAtTheRate() throws IOException {
    // burst 3, 100 per second: the fourth request at the same instant is refused.
    for (int i = 0; i < 3; i++) {
      assertThat(get("/v1/challenges/emerging", WITH_KEY).status()).isEqualTo(503);
    }
    ApiResponse limited = get("/v1/challenges/emerging", WITH_KEY);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers()).containsEntry("Retry-After", "1");
    assertThat(json(limited).path("error").asText()).isEqualTo("rate_limited");
    nanos.addAndGet(Duration.ofMillis(10).toNanos());
    assertThat(get("/v1/challenges/emerging", WITH_KEY).status()).isEqualTo(503);
  }

  @Test
  void writesOneAccessLogLinePerRequestWithTheKeyName() {
    get("/v1/challenges/emerging?size=101", WITH_KEY);
    get("/v1/health", Map.of());
    assertThat(logBytes.toString(StandardCharsets.UTF_8).lines()).satisfiesExactly(
        line -> assertThat(line).matches(
            "2024-05-01T12:00:00Z GET /v1/challenges/emerging 400 \\d+ms key=env-1"),
        line -> assertThat(line).matches("2024-05-01T12:00:00Z GET /v1/health 503 \\d+ms key=-"));
  }

  @Test
  void everyAnswerCarriesTheSecureHeadersAndDataIsNeverCached() {
    ApiResponse json = get("/v1/challenges/emerging", WITH_KEY);
    assertThat(json.headers())
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("X-Frame-Options", "DENY")
        .containsEntry("Referrer-Policy", "no-referrer")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    assertThat(get("/v1/challenges/emerging", Map.of()).headers())
        .containsEntry("X-Frame-Options", "DENY");
    // The explorer's own policy and caching win over the API's.
    ApiResponse page = get("/", Map.of());
    assertThat(page.headers())
        .containsEntry("Content-Security-Policy", ExplorerPage.CONTENT_SECURITY_POLICY)
        .containsEntry("Cache-Control", "no-cache")
        .containsEntry("X-Content-Type-Options", "nosniff");
  }

  @Test
  void anUnexpectedFailureAnswers500WithAnErrorIdAndNotItsText() throws IOException {
    Route broken = new Route("GET", new PathTemplate("/v1/broken"), java.util.Set.of(), true,
        c -> {
          throw new IllegalStateException("secret path /srv/es and a stack");
        });
    ApiHandler withBug = new ApiHandler(java.util.List.of(broken),
        Access.keys(ApiKeys.fromList(KEY)), new RateLimiter(100, 3, nanos::get),
        new AccessLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), Clock.systemUTC()));

    ApiResponse r = withBug.handle(ApiRequest.get("/v1/broken", Map.of()));
    assertThat(r.status()).isEqualTo(500);
    JsonNode body = json(r);
    assertThat(body.path("error").asText()).isEqualTo("internal");
    assertThat(body.path("message").asText()).matches("internal error [0-9a-f]+; .*")
        .doesNotContain("secret").doesNotContain("IllegalStateException");
  }

  @Test
  void healthAnswersFromTheCheckItIsGivenWithoutAskingElasticsearch() throws IOException {
    RadarQueries queries = new RadarQueries(deadElasticsearch.client(), Duration.ofSeconds(7));
    RadarQueries.Health cached = new RadarQueries.Health(true, "green", "1 node(s)",
        Instant.parse("2024-05-01T12:00:00Z"));
    ApiHandler cachedHealth = new ApiHandler(new ApiRoutes(queries, () -> cached).routes(),
        Access.keys(ApiKeys.fromList(KEY)), new RateLimiter(100, 3, nanos::get),
        new AccessLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), Clock.systemUTC()));

    // Elasticsearch is a closed port: a live check would be 503.
    ApiResponse r = cachedHealth.handle(ApiRequest.get("/v1/health", Map.of()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(json(r).path("elasticsearch").path("checkedAt").asText())
        .isEqualTo("2024-05-01T12:00:00Z");
  }
}
