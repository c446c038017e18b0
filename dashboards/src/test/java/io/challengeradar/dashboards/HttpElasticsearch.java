package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The live checks' Elasticsearch over plain HTTP, as Kibana's search proxy would send them. */
final class HttpElasticsearch implements LiveCheck.Elasticsearch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;

  HttpElasticsearch(String url) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public JsonNode fieldCaps(String index) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_field_caps?fields=*"))
        .GET());
  }

  @Override
  public JsonNode search(String index, JsonNode body) throws IOException {
    JsonNode r = send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_search"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    if (r.path("_shards").path("failed").asInt() > 0) {
      JsonNode failure = r.path("_shards").path("failures").path(0).path("reason");
      throw new LiveCheck.Refused(failure.path("type").asText() + ": "
          + failure.path("reason").asText());
    }
    return r;
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException {
    HttpResponse<String> r;
    try {
      r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() >= 400) {
      JsonNode error = body.path("error");
      JsonNode cause = error.path("root_cause").path(0);
      String reason = (cause.isMissingNode() ? error : cause).path("reason").asText(r.body());
      throw new LiveCheck.Refused("HTTP " + r.statusCode() + " " + error.path("type").asText()
          + ": " + reason);
    }
    return body;
  }
}
