package io.challengeradar.secure;

import static io.challengeradar.flink.TestEvents.line;
import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.api.ApiOptions;
import io.challengeradar.api.QueryApi;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.http.AccessLog;
import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.contract.TemplateOutcome;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.contract.client.ElasticsearchAccessException;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.enrich.Reenricher;
import io.challengeradar.flink.es.ElasticsearchAccessDenied;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.results.PipelineResults;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.PlatformSettings;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.RunningPlatform;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Elasticsearch client against the real local Elasticsearch with security on, as ECK runs
 * it: TLS on HTTP with a CA this test's platform made, a file-realm user, plain HTTP refused. The
 * sink (a small job run), the query API, re-enrichment and the template installer all work over
 * https with basic auth; wrong credentials end each of them with one error that names the setting
 * (the job fails once, it does not restart); an untrusted certificate names the CA settings.
 */
class SecureElasticsearchIT {
  /** The secured server's port; any free one unless given. */
  static final String PORT_PROPERTY = "radar.it.elasticsearch.secure.port";
  static final String API_KEY = "0123456789abcdef-secure-it";

  static RunningPlatform platform;
  static ElasticsearchAccess access;
  static int port;

  @BeforeAll
  static void startSecuredElasticsearch() {
    port = Ports.preferredOrAnyFree(Integer.getInteger(PORT_PROPERTY, 19_325));
    Path home = SharedElasticsearch.testHome();
    // A slow start on a busy machine (TLS, security index templates) is not a failure here.
    ElasticsearchOptions es = ElasticsearchOptions.from(PlatformSettings.defaults()
            .with(PlatformSettings.ES_STARTUP_TIMEOUT, Duration.ofMinutes(5), "test"), home)
        .withHttpPort(port)
        .withBaseDir(home.resolve("it").resolve("elasticsearch-secure-" + port))
        .withSecure(true);
    platform = LocalPlatform.start(PlatformOptions.defaults(home).withElasticsearch(es),
        System.err);
    access = platform.elasticsearch().access();
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void theTemplateInstallerWorksOverHttpsWithBasicAuth() throws Exception {
    assertThat(access.hosts()).singleElement().asString().startsWith("https://127.0.0.1:");
    assertThat(access.username()).isEqualTo("radar");
    assertThat(platform.templates()).isNotEmpty();
    assertThat(new TemplateInstaller(platform.client()).installAll())
        .extracting(TemplateOutcome::action).containsOnly(TemplateOutcome.Action.UNCHANGED);
    Path clientFile = platform.elasticsearch().options().security().clientFile();
    assertThat(Files.getPosixFilePermissions(clientFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void theJobWritesThroughTheSinkOverHttps() throws Exception {
    List<String> lines = events("ok");
    Path file = write("secure-ok.ndjson", lines);

    LocalJob.run(job(access, file), "secure-it", 1, Duration.ofMillis(200), () -> { });

    try (ElasticsearchConnection c = ElasticsearchClients.create(access)) {
      c.client().indices().refresh(r -> r.index("radar-*"));
      assertThat(c.client().count(r -> r.index(Index.VIDEOS.indexName())
          .query(q -> q.prefix(p -> p.field(VideoFields.VIDEO_ID).value("ok-")))).count())
          .isEqualTo(3);
      assertThat(PipelineResults.read(c.client())).isNotNull();
    }
  }

  @Test
  void theQueryApiReadsOverHttps() throws Exception {
    try (QueryApi api = QueryApi.start(apiOptions(access), Access.keys(ApiKeys.fromList(API_KEY)),
        AccessLog.toStderr())) {
      HttpResponse<String> health = get(api, "/v1/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"up\"");
      assertThat(get(api, "/v1/challenges/emerging").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void reenrichmentSearchesOverHttps() throws Exception {
    Instant createdAt = Instant.parse("2031-01-01T00:00:00Z");
    try (ServerSocket s = new ServerSocket(0);
        ServingClient deadServing = new ServingClient(ClientOptions.of(
            URI.create("http://127.0.0.1:" + s.getLocalPort())));
        ElasticsearchConnection c = ElasticsearchClients.create(access)) {
      c.client().index(i -> i.index(Index.VIDEOS.indexName()).id("pending-secure")
          .document(Map.of(VideoFields.VIDEO_ID, "pending-secure", VideoFields.CREATED_AT,
              createdAt.toString(), VideoFields.PENDING_ENRICHMENT, true)));
      Reenricher.Summary summary = new Reenricher(c.client(), deadServing, 8)
          .run(createdAt.minusSeconds(1), createdAt.plusSeconds(1), Progress.silent());
      // Found over https; the serving tier is down here, so it stays pending.
      assertThat(summary.found()).isEqualTo(1);
      assertThat(summary.stillPending()).isEqualTo(1);
    }
  }

  @Test
  void aWrongPasswordIsOneClearErrorForEveryClient() throws Exception {
    ElasticsearchAccess wrong = access.withBasicAuth("radar", "not-the-password");
    try (RestClient rest = ElasticsearchClientFactory.restClient(wrong)) {
      assertThatThrownBy(() -> ElasticsearchClientFactory.checkAccess(rest, wrong))
          .isInstanceOf(ElasticsearchAccessException.class)
          .hasMessageContaining("401").hasMessageContaining("elasticsearch.password")
          .hasMessageNotContaining("not-the-password");
    }
    assertThatThrownBy(() -> QueryApi.start(apiOptions(wrong),
        Access.keys(ApiKeys.fromList(API_KEY)), AccessLog.toStderr()))
        .isInstanceOf(ElasticsearchAccessException.class).hasMessageContaining("401");
    try (ElasticsearchConnection c = ElasticsearchClients.create(wrong)) {
      assertThatThrownBy(() -> new TemplateInstaller(c.client()).installAll())
          .satisfies(e -> assertThat(ElasticsearchAccessException.find(e, wrong)).isPresent());
    }

    // The sink fails the job once: with checkpoints on, Flink's default restart strategy would
    // otherwise restart it forever and this call would never return.
    Path file = write("secure-wrong.ndjson", events("wrong"));
    long started = System.nanoTime();
    assertThatThrownBy(() -> LocalJob.run(job(wrong, file), "secure-it-wrong", 1,
        Duration.ofMillis(200), () -> { }))
        .isInstanceOf(LocalJob.JobFailedException.class)
        .satisfies(e -> assertThat(causes(e)).anySatisfy(c -> assertThat(c)
            .isInstanceOf(ElasticsearchAccessDenied.class)
            .hasMessageContaining("401").hasMessageContaining("elasticsearch.password")));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(2));
  }

  @Test
  void plainHttpIsRefusedAndSaysToUseHttps() throws Exception {
    ElasticsearchAccess plain = access.withHosts(List.of("http://127.0.0.1:" + port));
    try (RestClient rest = ElasticsearchClientFactory.restClient(plain)) {
      assertThatThrownBy(() -> rest.performRequest(new Request("GET", "/_cluster/health")))
          .satisfies(e -> assertThat(ElasticsearchAccessException.find(e, plain)).get()
              .extracting(Throwable::getMessage).asString().contains("https://"));
    }
  }

  @Test
  void anUntrustedCertificateNamesTheCaSettingsAndAFingerprintIsTrusted() throws Exception {
    ElasticsearchAccess noCa = new ElasticsearchAccess(access.hosts(), access.username(),
        access.password(), null, null, null);
    try (RestClient rest = ElasticsearchClientFactory.restClient(noCa)) {
      assertThatThrownBy(() -> ElasticsearchClientFactory.checkAccess(rest, noCa))
          .isInstanceOf(ElasticsearchAccessException.class)
          .hasMessageContaining("elasticsearch.ca-file");
    }
    ElasticsearchAccess byFingerprint = new ElasticsearchAccess(access.hosts(),
        access.username(), access.password(), null, null, fingerprint(Path.of(access.caFile())));
    try (RestClient rest = ElasticsearchClientFactory.restClient(byFingerprint)) {
      assertThat(rest.performRequest(new Request("GET", "/_cluster/health"))
          .getStatusLine().getStatusCode()).isEqualTo(200);
    }
  }

  private static RadarPipeline job(ElasticsearchAccess to, Path file) {
    return RadarPipeline.builder()
        .outputs(new ElasticsearchOutputs(ElasticsearchSinkOptions.defaults(to)))
        .sources(PipelineSources.files(List.of(file)))
        .build();
  }

  private static List<String> events(String prefix) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add(line(post(prefix + "-" + i, "a" + i, minutes(i), null, "secure")));
      lines.add(line(snapshot(prefix + "-" + i, minutes(i + 2), 100)));
    }
    return lines;
  }

  private static Path write(String name, List<String> lines) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "secure-it"));
    return Files.write(dir.resolve(name).toAbsolutePath(), lines, StandardCharsets.UTF_8);
  }

  private static ApiOptions apiOptions(ElasticsearchAccess es) {
    return new ApiOptions(0, 2, 100.0, 100, Duration.ofSeconds(1), es);
  }

  private static HttpResponse<String> get(QueryApi api, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + api.port() + path))
        .header("Authorization", "Bearer " + API_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  private static String fingerprint(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
      return HexFormat.ofDelimiter(":").formatHex(
          MessageDigest.getInstance("SHA-256").digest(der));
    }
  }
}
