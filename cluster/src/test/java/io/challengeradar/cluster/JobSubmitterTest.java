package io.challengeradar.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals before anything reaches the cluster; a stub stands in for Flink's REST endpoint. */
class JobSubmitterTest {
  @TempDir Path dir;
  private HttpServer flink;
  private final AtomicInteger uploads = new AtomicInteger();
  private String flinkVersion = BuildInfo.flinkVersion();

  @BeforeEach
  void startStub() throws IOException {
    flink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    flink.createContext("/overview", exchange -> answer(exchange, 200,
        "{\"flink-version\":\"" + flinkVersion + "\",\"taskmanagers\":2,\"slots-total\":4,"
            + "\"slots-available\":4,\"jobs-running\":0}"));
    flink.createContext("/jars/upload", exchange -> {
      uploads.incrementAndGet();
      answer(exchange, 200, "{\"filename\":\"/tmp/x/abc_job.jar\",\"status\":\"success\"}");
    });
    flink.createContext("/jars/abc_job.jar/run", exchange -> answer(exchange, 500,
        "{\"errors\":[\"org.apache.flink.runtime.rest.handler.RestHandlerException: Could not"
            + " execute application.\\n\\tat x.y\\nCaused by: java.lang.IllegalArgumentException:"
            + " unknown argument '--nope'\\n\\tat z\"]}"));
    flink.start();
  }

  @AfterEach
  void stopStub() {
    flink.stop(0);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status,
      String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private JobSubmitter submitter() {
    return new JobSubmitter(new FlinkRestClient("http://127.0.0.1:"
        + flink.getAddress().getPort()), line -> { });
  }

  private Path jar(String version) throws IOException {
    Path jar = dir.resolve("flink-jobs-" + version + "-job.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(JobSubmitter.POM_PROPERTIES));
      out.write(("version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private JobSubmitter.Submission submission(Path jar, String savepoint, int parallelism) {
    return new JobSubmitter.Submission(jar, List.of("--nope", "x"), savepoint, parallelism,
        Duration.ofSeconds(5));
  }

  @Test
  void refusesAJarOfAnotherVersionBeforeUploading() throws IOException {
    assertThatThrownBy(() -> submitter().submit(submission(jar("0.0.9"), null, 0)))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("built from version 0.0.9")
        .hasMessageContaining(BuildInfo.radarVersion());
    assertThat(uploads).hasValue(0);
  }

  @Test
  void refusesAJarThatIsNotTheJobs() throws IOException {
    Path other = dir.resolve("other.jar");
    new JarOutputStream(Files.newOutputStream(other)).close();
    assertThatThrownBy(() -> submitter().submit(submission(other, null, 0)))
        .hasMessageContaining("is not the Challenge Radar job jar");
    assertThatThrownBy(() -> submitter().submit(submission(dir.resolve("missing.jar"), null, 0)))
        .hasMessageContaining("does not exist");
  }

  @Test
  void refusesAClusterOfAnotherFlinkVersion() throws IOException {
    flinkVersion = "1.20.1";
    assertThatThrownBy(() -> submitter().submit(submission(jar(BuildInfo.radarVersion()), null,
        0))).hasMessageContaining("the cluster runs Flink 1.20.1");
  }

  @Test
  void refusesAMissingSavepointAndTooHighAParallelismBeforeUploading() throws IOException {
    Path jar = jar(BuildInfo.radarVersion());
    assertThatThrownBy(() -> submitter().submit(submission(jar,
        dir.resolve("savepoint-gone").toUri().toString(), 0)))
        .hasMessageContaining("savepoint-gone does not exist");
    assertThatThrownBy(() -> submitter().submit(submission(jar, null, 5)))
        .hasMessageContaining("--parallelism 5 is above the cluster's 4 task slots");
    assertThat(uploads).hasValue(0);
  }

  @Test
  void reportsFlinksRootCauseWhenItRefusesToRun() throws IOException {
    assertThatThrownBy(() -> submitter().submit(submission(jar(BuildInfo.radarVersion()), null,
        2)))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("(500): java.lang.IllegalArgumentException: unknown argument"
            + " '--nope'");
  }

  @Test
  void aClusterThatIsDownIsNamed() {
    flink.stop(0);
    assertThatThrownBy(() -> submitter().submit(submission(dir.resolve("x.jar"), null, 0)))
        .hasMessageContaining("no Flink cluster answers at http://127.0.0.1:");
  }

  @Test
  void firstErrorFallsBackToTheBody() throws IOException {
    assertThat(FlinkRestClient.firstError(new ObjectMapper().readTree("{\"x\":1}")))
        .isEqualTo("{\"x\":1}");
  }
}
