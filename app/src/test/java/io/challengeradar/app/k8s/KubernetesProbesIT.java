package io.challengeradar.app.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.challengeradar.api.ApiOptions;
import io.challengeradar.api.ApiSettings;
import io.challengeradar.api.QueryApi;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.http.AccessLog;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.kubernetes.Kustomize;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probes the manifests give the serving tier and the API, asked of the real servers: every
 * probe path answers 200 once the server is up (and Elasticsearch reachable, for the API's
 * readiness), so no pod is restarted or kept out of its Service by a path nobody serves.
 */
@ExtendWith(SharedElasticsearch.class)
class KubernetesProbesIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void everyProbePathInTheManifestsAnswers200(ElasticsearchTestServer es) throws Exception {
    assumeTrue(Kustomize.onPath().available(), "kubectl is not on the PATH: not checked");
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
        .readValues(Kustomize.onPath().render(Kustomize.overlay(
            Path.of("..").resolve(Kustomize.MANIFESTS), "gpu")))) {
      it.forEachRemaining(docs::add);
    }
    Path store = Path.of(System.getProperty("radar.serving.store",
        "../serving/target/model-store")).toAbsolutePath();
    List<String> answers = new ArrayList<>();
    try (ServingNode serving = ServingNode.start(ServingNode.Options.from(
            ServingSettings.onAFreePort(store, store.resolveSibling("djl-cache")), store));
        QueryApi api = QueryApi.start(ApiOptions.from(ApiSettings.defaults()
                .with(ApiSettings.PORT, 0, "test")
                .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(es.url()), "test")),
            Access.keys(ApiKeys.fromList("probe-test-key-0123456789")), AccessLog.toStderr())) {
      for (String deployment : List.of("radar-serving", "radar-api")) {
        int port = deployment.equals("radar-serving") ? serving.port() : api.port();
        JsonNode container = docs.stream()
            .filter(d -> d.path("kind").asText().equals("Deployment")
                && d.at("/metadata/name").asText().equals(deployment))
            .findFirst().orElseThrow().at("/spec/template/spec/containers/0");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
          String path = container.at("/" + probe + "/httpGet/path").asText();
          HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
          answers.add(deployment + " " + probe + " " + path + " " + r.statusCode());
        }
      }
    }

    assertThat(answers).hasSize(6).allMatch(a -> a.endsWith(" 200"), "answered 200");
  }

  @Test
  void theSetupJobsCommandInstallsEveryTemplateAndASecondRunChangesNothing(
      ElasticsearchTestServer es) {
    java.io.StringWriter first = new java.io.StringWriter();
    java.io.StringWriter second = new java.io.StringWriter();

    int firstExit = io.challengeradar.app.Radar.commandLine()
        .setOut(new java.io.PrintWriter(first)).execute("templates", "install", "--es", es.url());
    int secondExit = io.challengeradar.app.Radar.commandLine()
        .setOut(new java.io.PrintWriter(second)).execute("templates", "install", "--es", es.url());

    int templates = io.challengeradar.contract.IndexTemplates.load().size();
    assertThat(firstExit).isZero();
    assertThat(first.toString().lines()).hasSize(templates);
    assertThat(secondExit).isZero();
    assertThat(second.toString().lines()).hasSize(templates)
        .allMatch(l -> l.endsWith(": unchanged"));
  }
}
