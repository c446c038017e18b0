package io.challengeradar.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The installer against a local stand-in for Kibana's import API (Kibana itself cannot run
 * here): what it sends, and how it reads each answer.
 */
class KibanaInstallerTest {
  private static final String NDJSON = "{\"id\":\"a\",\"type\":\"dashboard\"}\n"
      + "{\"id\":\"b\",\"type\":\"index-pattern\"}\n";

  private HttpServer server;
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A stub that records the request and answers {@code status} with {@code body}. */
  private KibanaSettings stub(int status, String body, String apiKey, String user) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      seen.put("method", exchange.getRequestMethod());
      seen.put("path", exchange.getRequestURI().getPath());
      seen.put("query", String.valueOf(exchange.getRequestURI().getQuery()));
      exchange.getRequestHeaders().forEach((k, v) -> seen.put("header " + k.toLowerCase(),
          String.join(",", v)));
      seen.put("body", new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8));
      byte[] answer = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return new KibanaSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        "trends", user, user == null ? null : "s3cret", apiKey, Duration.ofSeconds(5));
  }

  private static final String ALL_IMPORTED = """
      {"success":true,"successCount":2,"successResults":[
        {"type":"dashboard","id":"a","meta":{"title":"Radar: A"},"overwrite":true},
        {"type":"index-pattern","id":"b","meta":{"title":"radar-b"}}]}""";

  @Test
  void postsTheFileAsMultipartWithXsrfOverwriteAndTheApiKeyToTheSpace() throws Exception {
    KibanaSettings kibana = stub(200, ALL_IMPORTED, "a2V5OnNlY3JldA==", null);
    List<KibanaInstaller.Outcome> outcomes = new KibanaInstaller(kibana).install(NDJSON, 2);

    assertThat(outcomes).allSatisfy(o -> assertThat(o.imported()).isTrue())
        .extracting(KibanaInstaller.Outcome::id).containsExactly("a", "b");
    assertThat(seen.get("method")).isEqualTo("POST");
    assertThat(seen.get("path")).isEqualTo("/s/trends/api/saved_objects/_import");
    assertThat(seen.get("query")).isEqualTo("overwrite=true");
    assertThat(seen.get("header kbn-xsrf")).isEqualTo("true");
    assertThat(seen.get("header authorization")).isEqualTo("ApiKey a2V5OnNlY3JldA==");
    assertThat(seen.get("header content-type")).startsWith("multipart/form-data; boundary=");
    String boundary = seen.get("header content-type").split("boundary=")[1];
    assertThat(seen.get("body")).startsWith("--" + boundary + "\r\n")
        .contains("Content-Disposition: form-data; name=\"file\"; filename=\""
            + SavedObjects.FILE_NAME + "\"")
        .contains("\r\n\r\n" + NDJSON + "\r\n--" + boundary + "--");
  }

  @Test
  void signsInWithBasicAuthWithoutAnApiKey() throws Exception {
    KibanaSettings kibana = stub(200, ALL_IMPORTED, null, "analyst");
    new KibanaInstaller(kibana).install(NDJSON, 2);
    assertThat(seen.get("header authorization")).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString("analyst:s3cret".getBytes()));
  }

  @Test
  void refusedCredentialsSayWhichSettingsToSet() throws Exception {
    KibanaSettings kibana = stub(401, "{\"statusCode\":401,\"error\":\"Unauthorized\","
        + "\"message\":\"[security_exception] unable to authenticate user\"}", null, "analyst");
    assertThatThrownBy(() -> new KibanaInstaller(kibana).install(NDJSON, 2))
        .isInstanceOf(KibanaInstaller.KibanaException.class)
        .hasMessageStartingWith("Kibana refused the credentials (HTTP 401: [security_exception]"
            + " unable to authenticate user)")
        .hasMessageContaining("RADAR_KIBANA_API_KEY");
  }

  @Test
  void aConflictIsAFailureWithKibanasMessage() throws Exception {
    KibanaSettings kibana = stub(409, "{\"statusCode\":409,\"error\":\"Conflict\","
        + "\"message\":\"a conflict\"}", null, null);
    assertThatThrownBy(() -> new KibanaInstaller(kibana).install(NDJSON, 2))
        .hasMessage("Kibana answered HTTP 409 to the import: a conflict");
  }

  @Test
  void aServerErrorIsAFailureWithKibanasMessage() throws Exception {
    KibanaSettings kibana = stub(500, "{\"statusCode\":500,\"error\":\"Internal Server Error\","
        + "\"message\":\"An internal server error occurred.\"}", null, null);
    assertThatThrownBy(() -> new KibanaInstaller(kibana).install(NDJSON, 2))
        .hasMessage("Kibana answered HTTP 500 to the import: An internal server error occurred.");
  }

  @Test
  void anObjectKibanaFailedMakesTheWholeImportAFailureAndIsNamed() throws Exception {
    KibanaSettings kibana = stub(200, """
        {"success":false,"successCount":1,
         "successResults":[{"type":"index-pattern","id":"b","meta":{"title":"radar-b"}}],
         "errors":[{"id":"a","type":"dashboard","title":"Radar: A","meta":{"title":"Radar: A"},
           "error":{"type":"missing_references","references":[{"type":"index-pattern","id":"x"}]}}]}
        """, null, null);
    assertThatThrownBy(() -> new KibanaInstaller(kibana).install(NDJSON, 2))
        .isInstanceOfSatisfying(KibanaInstaller.KibanaException.class, e -> {
          assertThat(e).hasMessage("Kibana imported 1 of 2 objects; 1 failed");
          assertThat(e.outcomes()).filteredOn(o -> !o.imported()).singleElement().asString()
              .startsWith("FAILED    dashboard a (Radar: A): missing_references");
        });
  }

  @Test
  void fewerObjectsThanSentIsAFailure() throws Exception {
    KibanaSettings kibana = stub(200, """
        {"success":true,"successCount":1,
         "successResults":[{"type":"dashboard","id":"a","meta":{"title":"A"}}]}""", null, null);
    assertThatThrownBy(() -> new KibanaInstaller(kibana).install(NDJSON, 2))
        .hasMessage("Kibana imported 1 of 2 objects");
  }

  @Test
  void anUnreachableKibanaIsAClearFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    KibanaSettings kibana = new KibanaSettings(URI.create("http://127.0.0.1:" + port), "",
        null, null, null, Duration.ofSeconds(5));
    assertThatThrownBy(() -> new KibanaInstaller(kibana).install(NDJSON, 2))
        .hasMessage("cannot reach Kibana at http://127.0.0.1:" + port + ": connection refused");
  }

  @Test
  void theDefaultSpaceHasNoSpacePrefixAndSecretsAreMaskedInText() {
    KibanaSettings kibana = new KibanaSettings(URI.create("https://kb.example:5601/base/"), "",
        "u", "p4ss", "k3y", Duration.ofSeconds(1));
    assertThat(kibana.importUri().toString())
        .isEqualTo("https://kb.example:5601/base/api/saved_objects/_import?overwrite=true");
    assertThat(kibana.toString()).doesNotContain("p4ss", "k3y");
  }
}
