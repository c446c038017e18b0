package io.challengeradar.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.api.query.RadarQueries;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the routes the server registers describe the same API. */
class OpenApiDocumentTest {

  private static JsonNode document() throws IOException {
    try (InputStream in = ApiRoutes.class.getResourceAsStream(ApiRoutes.OPENAPI_RESOURCE)) {
      return Json.MAPPER.readTree(in);
    }
  }

  private static List<Route> routes() {
    // The routes are only listed, never called: the client is never used.
    try (ElasticsearchConnection unused = ElasticsearchClients.create("http://127.0.0.1:9")) {
      return new ApiRoutes(new RadarQueries(unused.client(), Duration.ofSeconds(1))).routes();
    }
  }

  @Test
  void documentsEveryRouteAndNoOther() throws IOException {
    Set<String> documented = new HashSet<>();
    JsonNode paths = document().path("paths");
    for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
      String path = p.next();
      paths.get(path).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path));
    }
    Set<String> registered = new HashSet<>();
    routes().forEach(r -> registered.add(r.method() + " " + r.path().template()));
    assertThat(registered).contains("GET /v1/challenges/emerging");
    assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void documentsExactlyTheQueryParametersEachRouteTakes() throws IOException {
    JsonNode doc = document();
    Map<String, Set<String>> documented = new TreeMap<>();
    Map<String, Set<String>> registered = new TreeMap<>();
    for (Route r : routes()) {
      String key = r.method() + " " + r.path().template();
      registered.put(key, r.params());
      Set<String> names = new HashSet<>();
      for (JsonNode p : doc.path("paths").path(r.path().template()).path("get").path("parameters")) {
        JsonNode param = p.has("$ref")
            ? doc.at(p.get("$ref").asText().substring(1))
            : p;
        if ("query".equals(param.path("in").asText())) {
          names.add(param.path("name").asText());
        }
      }
      documented.put(key, names);
    }
    assertThat(documented).isEqualTo(registered);
  }

  @Test
  void protectsEveryRouteButHealthAndTheDocument() throws IOException {
    JsonNode paths = document().path("paths");
    assertThat(routes()).extracting(Route::open).as("open and protected routes")
        .contains(true, false);
    for (Route r : routes()) {
      JsonNode security = paths.path(r.path().template()).path("get").path("security");
      boolean openInDocument = security.isArray() && security.isEmpty();
      assertThat(openInDocument).as(r.path().template()).isEqualTo(r.open());
    }
  }
}
