package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code radar dashboards export|install}; install against a local stand-in for Kibana. */
class DashboardsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private HttpServer kibana;
  private volatile String authorization;

  @AfterEach
  void stop() {
    if (kibana != null) {
      kibana.stop(0);
    }
  }

  private int radar(Map<String, String> environment, String... args) {
    CommandLine cli = Radar.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    ((DashboardsCommand.Install) cli.getSubcommands().get("dashboards").getSubcommands()
        .get("install").getCommand()).environment = environment;
    return cli.execute(args);
  }

  @Test
  void exportWritesEveryDashboardAsOneNdjsonFile() throws Exception {
    Path file = dir.resolve("kibana.ndjson");
    assertThat(radar(Map.of(), "dashboards", "export", "--out", file.toString()))
        .as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.stream().filter(l -> l.contains("\"type\":\"dashboard\""))).hasSize(5);
    assertThat(out.toString()).contains("wrote " + lines.size() + " saved objects to " + file);
  }

  /** Answers as Kibana does when every object in the uploaded file imported. */
  private String stubKibana(int status) throws Exception {
    kibana = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    kibana.createContext("/api/saved_objects/_import", exchange -> {
      authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ObjectNode answer = JSON.createObjectNode();
      if (status == 200) {
        ArrayNode results = answer.put("success", true).putArray("successResults");
        body.lines().filter(l -> l.startsWith("{")).forEach(l -> {
          try {
            ObjectNode o = (ObjectNode) JSON.readTree(l);
            results.addObject().put("type", o.path("type").asText()).put("id",
                o.path("id").asText()).putObject("meta").put("title",
                o.path("attributes").path("title").asText());
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        answer.put("successCount", results.size());
      } else {
        answer.put("statusCode", status).put("message", "unable to authenticate user");
      }
      byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    kibana.start();
    return "http://127.0.0.1:" + kibana.getAddress().getPort();
  }

  @Test
  void installReportsEachObjectWithTheApiKeyFromTheEnvironment() throws Exception {
    String url = stubKibana(200);
    int code = radar(Map.of("RADAR_KIBANA_API_KEY", "a2V5OnNlY3JldA=="), "dashboards",
        "install", "--kibana", url);
    assertThat(code).as(err.toString()).isZero();
    assertThat(authorization).isEqualTo("ApiKey a2V5OnNlY3JldA==");
    assertThat(out.toString()).contains("imported  dashboard radar-emerging-now (Radar: Emerging"
        + " now)", "installed 14 saved objects into " + url);
  }

  @Test
  void installExitsNonZeroWhenKibanaRefusesTheCredentials() throws Exception {
    String url = stubKibana(401);
    Path settings = dir.resolve("kibana.properties");
    Files.writeString(settings, "kibana.username=analyst\nkibana.password=wrong\n");
    int code = radar(Map.of(), "dashboards", "install", "--kibana", url, "--config",
        settings.toString());
    assertThat(code).isEqualTo(1);
    assertThat(authorization).startsWith("Basic ");
    assertThat(err.toString()).contains("dashboards install: Kibana refused the credentials"
        + " (HTTP 401: unable to authenticate user)");
    assertThat(out.toString()).doesNotContain("installed");
  }

  @Test
  void installTakesNoSecretFromTheCommandLine() {
    int code = radar(Map.of(), "dashboards", "install", "--set", "kibana.password=x");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown options: '--set'");
  }
}
