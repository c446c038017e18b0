package io.challengeradar.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.serving.testing.PixelBombs;
import io.challengeradar.serving.testing.ServingProcess;
import io.challengeradar.serving.testing.TestModels;
import io.challengeradar.serving.testing.TestStore;
import io.challengeradar.serving.testing.TinyOnnx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving tier as its own process under {@code -Xmx1g}, as production runs it, against what
 * the internet may send: no token, a pixel bomb, bodies over the limit, clients that trickle
 * bytes, more requests than it has threads, and a model whose worker dies of a real {@link
 * OutOfMemoryError}. After each the process is alive and serves the next client; while the
 * attack runs, another client is served.
 *
 * <p>The dying worker: the store's visual model is the tiny ONNX model with an input side of
 * 10,000 pixels, so a single frame needs a 1.2 GB input tensor, more than the whole heap: the
 * allocation fails in the worker thread, every time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoundedServingIT {

  private static final String TOKEN = "bounded-serving-token-0123";
  private static final int THREADS = 4;
  private static final int PENDING = 2;
  private static final int MAX_BODY = 16 << 20;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Process process;
  private static Path log;
  private static int port;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    Path store = dir.resolve("store");
    TestStore models = new TestStore(store).minilm("1", 8, 1, 256);
    Files.createDirectories(store.resolve("visual/1"));
    Files.write(store.resolve("visual/1/tiny.onnx"), TinyOnnx.channelMeanModel());
    models.model("visual", "1", "kind=visual-encoder\nengine=OnnxRuntime\nmodel.file=tiny.onnx\n"
        + "image.size=10000\ndimension=3\nworkers=1");
    Path portFile = dir.resolve("port");
    log = Path.of("target", "bounded-serving-it.log").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Doffline=true", "-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR", ""),
        "-cp", System.getProperty("java.class.path"), ServingProcess.class.getName(),
        portFile.toString(), dir.toString(),
        "serving.model-store=" + store,
        "serving.djl-cache=" + TestModels.store().resolveSibling("djl-cache"),
        "serving.port=0", "serving.reload-interval=0s",
        "serving.threads=" + THREADS, "serving.pending-requests=" + PENDING,
        "serving.max-body-bytes=" + MAX_BODY,
        "serving.read-timeout=" + READ_TIMEOUT.toSeconds() + "s",
        "serving.batch.worker-restart-delay=2s"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("RADAR_SERVING_TOKEN", TOKEN);
    process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!Files.exists(portFile)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the serving process did not start; see " + log);
      }
      Thread.sleep(100);
    }
    port = Integer.parseInt(Files.readString(portFile).trim());
    // A first call loads what a cold JVM loads, so no test's timing pays for it.
    assertThat(send("POST", "/v1/embed", caption("warm up"), TOKEN).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  @Order(1)
  void callsWithoutTheTokenAre401() throws Exception {
    assertThat(send("POST", "/v1/embed", caption("no token"), null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/health/ready", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void aPixelBombIs413FromItsHeadersWhileAnotherClientIsServed() throws Exception {
    // 32 videos x 16 frames of a 16 KB PNG declaring 4096 x 4096: 8 GB of pixels once decoded.
    String frame = Base64.getEncoder().encodeToString(PixelBombs.png(4096, 4096));
    StringBuilder bomb = new StringBuilder("{\"videos\":[");
    for (int v = 0; v < 32; v++) {
      bomb.append(v == 0 ? "" : ",").append("{\"caption\":\"bomb ").append(v)
          .append("\",\"frames\":[");
      for (int f = 0; f < 16; f++) {
        bomb.append(f == 0 ? "\"" : ",\"").append(frame).append('"');
      }
      bomb.append("]}");
    }
    String body = bomb.append("]}").toString();
    assertThat(body.length()).isLessThan(MAX_BODY);

    List<Integer> others = whileRunning(() -> {
      HttpResponse<String> r = send("POST", "/v1/embed", body, TOKEN);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
      JsonNode error = JSON.readTree(r.body());
      assertThat(error.path("error").asText()).isEqualTo("too_large");
      assertThat(error.path("field").asText()).startsWith("videos[");
      assertThat(error.path("reason").asText()).contains("serving.max-request-pixels");
    });
    assertThat(others).isNotEmpty().containsOnly(200);
    assertAlive();
  }

  @Test
  @Order(3)
  void aBodyOverTheLimitIs413UnreadAndAChunkedOneIsCutAtTheLimit() throws Exception {
    List<Integer> others = whileRunning(() -> {
      // Declared: answered from the headers, though not one byte of the body is sent.
      try (Socket s = socket()) {
        write(s, "POST /v1/embed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
            + "\r\nContent-Type: application/json\r\nContent-Length: " + (1L << 30) + "\r\n\r\n");
        assertThat(statusLine(s)).contains(" 413 ");
      }
      // Chunked: read up to the limit, then cut.
      try (Socket s = socket()) {
        write(s, "POST /v1/embed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
          byte[] chunk = new byte[1 << 20];
          try {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 64; i++) {
              out.write(("100000\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(chunk);
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
          } catch (IOException closedByTheServer) {
            // expected once the server has had enough
          }
        });
        assertThat(statusLine(s)).contains(" 413 ");
        sender.cancel(true);
      }
    });
    assertThat(others).isNotEmpty().containsOnly(200);
    assertAlive();
  }

  @Test
  @Order(4)
  void aClientThatTricklesBytesIsCutOffAfterTheReadTimeout() throws Exception {
    List<Integer> others = whileRunning(() -> {
      try (Socket body = socket(); Socket headers = socket()) {
        write(body, "POST /v1/embed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
            + "\r\nContent-Length: 1000\r\n\r\n{");
        write(headers, "GET /health/live HTTP/1.1\r\nHost: x\r\n");
        long start = System.nanoTime();
        boolean bodyOpen = true;
        boolean headersOpen = true;
        while ((bodyOpen || headersOpen) && elapsed(start).compareTo(Duration.ofSeconds(15)) < 0) {
          Thread.sleep(300);
          bodyOpen = bodyOpen && trickle(body, "\"");
          headersOpen = headersOpen && trickle(headers, "X");
        }
        // The read timeout plus the server's one-second timer, and some slack for a busy machine.
        assertThat(elapsed(start)).isLessThan(READ_TIMEOUT.plusSeconds(4));
        assertThat(bodyOpen || headersOpen).isFalse();
      }
    });
    assertThat(others).isNotEmpty().containsOnly(200);
    assertAlive();
  }

  @Test
  @Order(5)
  void requestsBeyondTheThreadsAndTheQueueAre503WithRetryAfter() throws Exception {
    List<Socket> holders = new ArrayList<>();
    try {
      // Each holds a handler thread (or a queue place) waiting for a body that never comes.
      for (int i = 0; i < THREADS + PENDING; i++) {
        Socket s = socket();
        write(s, "POST /v1/embed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
            + "\r\nContent-Length: 100\r\n\r\n");
        holders.add(s);
        Thread.sleep(50);
      }
      HttpResponse<String> shed = send("POST", "/v1/embed", caption("one too many"), TOKEN);
      assertThat(shed.statusCode()).isEqualTo(503);
      assertThat(shed.headers().firstValue("Retry-After")).contains("1");
      assertThat(JSON.readTree(shed.body()).path("error").asText()).isEqualTo("overloaded");
    } finally {
      for (Socket s : holders) {
        s.close();
      }
    }
    // Once the holders are gone, everyone is served again.
    long start = System.nanoTime();
    int status;
    do {
      Thread.sleep(200);
      status = send("POST", "/v1/embed", caption("after the crowd"), TOKEN).statusCode();
    } while (status != 200 && elapsed(start).compareTo(Duration.ofSeconds(10)) < 0);
    assertThat(status).isEqualTo(200);
  }

  @Test
  @Order(6)
  void aWorkerKilledByOutOfMemoryMakesReadiness503UntilItIsStartedAgain() throws Exception {
    String withImage = "{\"videos\":[{\"caption\":\"a frame too big for the heap\",\"image\":\""
        + Base64.getEncoder().encodeToString(PixelBombs.png(8, 8)) + "\"}]}";
    HttpResponse<String> killed = send("POST", "/v1/embed", withImage, TOKEN);
    assertThat(killed.statusCode()).as(killed.body()).isEqualTo(500);
    assertThat(killed.body()).contains("worker died").contains("OutOfMemoryError");

    HttpResponse<String> ready = send("GET", "/health/ready", null, null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(ready.body()).path("workersDown").toString()).contains("visual/1");
    // The text encoder's workers are untouched: captions are still embedded.
    assertThat(send("POST", "/v1/embed", caption("still served"), TOKEN).statusCode())
        .isEqualTo(200);

    long start = System.nanoTime();
    do {
      Thread.sleep(200);
      ready = send("GET", "/health/ready", null, null);
    } while (ready.statusCode() != 200 && elapsed(start).compareTo(Duration.ofSeconds(20)) < 0);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(send("GET", "/metrics", null, null).body())
        .contains("radar_serving_worker_deaths_total{model=\"visual\"} 1");
    assertAlive();
  }

  /**
   * Each test starts once the server embeds again: connections an earlier test cut or held may
   * still occupy a handler thread or a queue place for a moment (a trickle test once saw its
   * first other request shed with 503 right after the body-limit test).
   */
  @AfterEach
  void awaitFree() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (send("POST", "/v1/embed", caption("free again?"), TOKEN).statusCode() != 200) {
      assertThat(System.nanoTime()).as("the server embeds again within 30 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** Runs {@code attack} while another client embeds captions; the other client's statuses. */
  private static List<Integer> whileRunning(Attack attack) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<List<Integer>> other = CompletableFuture.supplyAsync(() -> {
      List<Integer> statuses = new ArrayList<>();
      int i = 0;
      while (!done.get() || statuses.isEmpty()) {
        try {
          statuses.add(send("POST", "/v1/embed", caption("meanwhile " + i++), TOKEN).statusCode());
          Thread.sleep(50);
        } catch (Exception e) {
          statuses.add(-1);
        }
      }
      return statuses;
    });
    try {
      attack.run();
    } finally {
      done.set(true);
    }
    return other.get();
  }

  @FunctionalInterface
  private interface Attack {
    void run() throws Exception;
  }

  private static void assertAlive() throws Exception {
    assertThat(process.isAlive()).as("the serving process; see %s", log).isTrue();
    assertThat(send("GET", "/health/live", null, null).statusCode()).isEqualTo(200);
  }

  private static String caption(String text) {
    return "{\"videos\":[{\"caption\":\"" + text + "\"}]}";
  }

  private static HttpResponse<String> send(String method, String path, String body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Socket socket() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(15_000);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /** Sends one more byte; false once the server has closed the connection. */
  private static boolean trickle(Socket s, String oneByte) {
    try {
      write(s, oneByte);
      s.setSoTimeout(1);
      try {
        return s.getInputStream().read() != -1 || false;
      } catch (SocketTimeoutException stillOpen) {
        return true;
      } finally {
        s.setSoTimeout(15_000);
      }
    } catch (IOException closed) {
      return false;
    }
  }

  private static String statusLine(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != -1 && c != '\n'; ) {
      line.append((char) c);
    }
    return line.toString();
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
