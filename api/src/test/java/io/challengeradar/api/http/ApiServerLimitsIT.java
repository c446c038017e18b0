package io.challengeradar.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.api.ApiOptions.ServerLimits;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.auth.RateLimiter;
import io.challengeradar.api.query.RadarQueries;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query API's HTTP server against clients that send what it does not want: bodies over the
 * limit (declared and chunked), more requests than it has threads and queue, a client that
 * trickles bytes. Elasticsearch is not needed: health answers from a fixed check.
 */
class ApiServerLimitsIT {

  private static final int MAX_BODY = 1024;
  private static ElasticsearchConnection deadElasticsearch;
  private static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    deadElasticsearch = ElasticsearchClients.create("http://127.0.0.1:" + closedPort);
    RadarQueries queries = new RadarQueries(deadElasticsearch.client(), Duration.ofSeconds(1));
    RadarQueries.Health up = new RadarQueries.Health(true, "green", "1 node(s)", Instant.now());
    ApiHandler handler = new ApiHandler(new ApiRoutes(queries, () -> up).routes(),
        Access.keys(ApiKeys.fromList("limits-key-0123456789")), new RateLimiter(1000, 1000),
        new AccessLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Clock.systemUTC()));
    server = ApiServer.start(0, 1,
        new ServerLimits(1, MAX_BODY, Duration.ofSeconds(2), Duration.ofSeconds(30)), handler);
  }

  @AfterAll
  static void stop() {
    server.close();
    deadElasticsearch.close();
  }

  /**
   * The server has one handler thread and one queue place: a test that held them (or cut a
   * client off) leaves them busy until the server has seen its sockets close. The next test
   * starts once a plain request is answered again, whatever order JUnit runs them in. The probe
   * asks the server to close the connection: a kept-alive one that the client closes is one more
   * exchange on the pool (the JDK server reads its end of stream on a pool thread), and while the
   * thread still finishes the probe's answer, that exchange would take the only queue place and
   * the test's first request would be shed with a 503.
   */
  @AfterEach
  void awaitFree() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Socket s = socket()) {
        write(s, "GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        if (head(s).startsWith("HTTP/1.1 200")) {
          s.getInputStream().readAllBytes(); // until the server has closed its end
          return;
        }
      } catch (IOException busy) {
        // not yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server did not become free within 30 s");
      }
      Thread.sleep(100);
    }
  }

  @Test
  void answersWithTheSecureHeaders() throws IOException {
    try (Socket s = socket()) {
      write(s, "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
      String head = head(s);
      assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("x-frame-options: DENY")
          .containsIgnoringCase("x-content-type-options: nosniff")
          .containsIgnoringCase("cache-control: no-store")
          .containsIgnoringCase("referrer-policy: no-referrer")
          .containsIgnoringCase("content-security-policy: default-src 'none'");
    }
  }

  @Test
  void aDeclaredBodyOverTheLimitIs413WithoutBeingSent() throws IOException {
    try (Socket s = socket()) {
      write(s, "GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n");
      String head = head(s);
      assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
    }
  }

  @Test
  void aChunkedBodyIsCutAtTheLimit() throws IOException {
    try (Socket s = socket()) {
      write(s, "GET /v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      CompletableFuture.runAsync(() -> {
        try {
          OutputStream out = s.getOutputStream();
          for (int i = 0; i < 64; i++) {
            out.write("400\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
        } catch (IOException closedByTheServer) {
          // expected once the server has had enough
        }
      });
      assertThat(head(s)).startsWith("HTTP/1.1 413");
    }
    try (Socket s = socket()) {
      write(s, "GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789");
      assertThat(head(s)).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void requestsBeyondTheThreadAndTheQueueAre503WithRetryAfter() throws Exception {
    List<Socket> holders = new ArrayList<>();
    try {
      // One holds the only handler thread, one the only queue place: each waits for a body.
      for (int i = 0; i < 2; i++) {
        Socket s = socket();
        write(s, "GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
        holders.add(s);
        Thread.sleep(100);
      }
      try (Socket s = socket()) {
        write(s, "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(head(s)).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1")
            .containsIgnoringCase("connection: close");
      }
    } finally {
      for (Socket s : holders) {
        s.close();
      }
    }
  }

  @Test
  void aClientThatTricklesBytesIsCutOff() throws Exception {
    // The JDK server reads its timeout once per JVM: whichever server of this JVM came first.
    long readTimeoutSeconds = Long.getLong("sun.net.httpserver.maxReqTime");
    try (Socket s = socket()) {
      write(s, "GET /v1/health HTTP/1.1\r\n");
      long start = System.nanoTime();
      boolean open = true;
      while (open && Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60) {
        Thread.sleep(300);
        open = trickle(s);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(Duration.ofSeconds(readTimeoutSeconds + 4));
    }
  }

  private static Socket socket() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    s.setSoTimeout(15_000);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /** The status line and headers of the answer. */
  private static String head(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    for (int c; (c = in.read()) != -1; ) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  private static boolean trickle(Socket s) {
    try {
      write(s, "X");
      s.setSoTimeout(1);
      try {
        return s.getInputStream().read() != -1;
      } catch (SocketTimeoutException stillOpen) {
        return true;
      } finally {
        s.setSoTimeout(15_000);
      }
    } catch (IOException closed) {
      return false;
    }
  }
}
