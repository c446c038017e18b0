package io.challengeradar.serving.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.challengeradar.serving.wire.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The blocking {@code enrich} and the asynchronous {@code enrichAsync} meet the same scripted
 * server and must come to the same end: the same answer or failure, after the same number of
 * requests and retries. Each case runs both paths and compares them, so a path that starts to
 * classify on its own fails here.
 */
class ServingClientRetryTest {

  private static final int MAX_RETRIES = 2;
  private static final List<Wire.EnrichPost> ONE_POST = List.of(Wire.EnrichPost.atPost(
      "v1", "a caption", List.of("dance"), null, 15, 100L, "2026-01-01T00:00:00Z"));
  private static final Reply ANSWER = new Reply(200, null,
      "{\"embeddingModel\":\"minilm/1\",\"posts\":[{\"videoId\":\"v1\",\"embedding\":[0.5]}],"
          + "\"notes\":[]}");
  private static final Reply NOT_JSON = new Reply(200, null, "<html>maintenance</html>");
  private static final Reply JSON_NULL = new Reply(200, null, "null");
  private static final Reply OVER_CAPACITY = new Reply(429, "1",
      "{\"error\":\"over_capacity\",\"message\":\"queue full\"}");
  private static final Reply UNAVAILABLE = new Reply(503, "1",
      "{\"error\":\"unavailable\",\"message\":\"loading\"}");
  private static final Reply BAD_INPUT = new Reply(400, null,
      "{\"error\":\"bad_input\",\"message\":\"posts[0].caption: missing\","
          + "\"field\":\"posts[0].caption\",\"reason\":\"missing\"}");

  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void unreadableAnswerFailsAtOnceOnBothPaths() throws Exception {
    Seen blocking = run(Path.BLOCKING, NOT_JSON);
    Seen async = run(Path.ASYNC, NOT_JSON);

    assertThat(blocking).isEqualTo(new Seen("failed 200 unreadable_answer, final", 1, 0));
    assertThat(async).isEqualTo(blocking);
  }

  @Test
  void jsonNullAnswerIsUnreadableOnBothPaths() throws Exception {
    Seen blocking = run(Path.BLOCKING, JSON_NULL);
    Seen async = run(Path.ASYNC, JSON_NULL);

    assertThat(blocking).isEqualTo(new Seen("failed 200 unreadable_answer, final", 1, 0));
    assertThat(async).isEqualTo(blocking);
  }

  @Test
  void overCapacityThenUnavailableThenAnswerSucceedsAfterTwoRetriesOnBothPaths()
      throws Exception {
    Seen blocking = run(Path.BLOCKING, OVER_CAPACITY, UNAVAILABLE, ANSWER);
    Seen async = run(Path.ASYNC, OVER_CAPACITY, UNAVAILABLE, ANSWER);

    assertThat(blocking).isEqualTo(new Seen("answered [v1]", 3, 2));
    assertThat(async).isEqualTo(blocking);
  }

  @Test
  void unavailableBeyondMaxRetriesFailsRetryableOnBothPaths() throws Exception {
    Seen blocking = run(Path.BLOCKING, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, ANSWER);
    Seen async = run(Path.ASYNC, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, ANSWER);

    assertThat(blocking)
        .isEqualTo(new Seen("failed 503 unavailable, retryable", MAX_RETRIES + 1, MAX_RETRIES));
    assertThat(async).isEqualTo(blocking);
  }

  @Test
  void badInputIsNeverRetriedOnBothPaths() throws Exception {
    Seen blocking = run(Path.BLOCKING, BAD_INPUT, ANSWER);
    Seen async = run(Path.ASYNC, BAD_INPUT, ANSWER);

    assertThat(blocking).isEqualTo(new Seen("failed 400 bad_input, final", 1, 0));
    assertThat(async).isEqualTo(blocking);
  }

  @Test
  void refusedConnectionIsRetriedThenFailsWithNoAnswerOnBothPaths() throws Exception {
    URI nobody = URI.create("http://127.0.0.1:" + closedPort());

    Seen blocking = call(Path.BLOCKING, nobody, new AtomicInteger());
    Seen async = call(Path.ASYNC, nobody, new AtomicInteger());

    assertThat(blocking).isEqualTo(new Seen("failed 0 null, retryable", 0, MAX_RETRIES));
    assertThat(async).isEqualTo(blocking);
  }

  /** A call's end as both paths can be compared on it. */
  record Seen(String outcome, int requests, long retries) {}

  record Reply(int status, String retryAfter, String body) {}

  private enum Path {
    BLOCKING {
      @Override
      Wire.EnrichResponse enrich(ServingClient client) {
        return client.enrich(ONE_POST);
      }
    },
    ASYNC {
      @Override
      Wire.EnrichResponse enrich(ServingClient client) throws Exception {
        try {
          return client.enrichAsync(ONE_POST).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    };

    abstract Wire.EnrichResponse enrich(ServingClient client) throws Exception;
  }

  /** Runs {@code path} against a fresh server that answers the {@code script} in turn. */
  private Seen run(Path path, Reply... script) throws Exception {
    if (server != null) {
      server.stop(0);
    }
    ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>(List.of(script));
    AtomicInteger requests = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      Reply reply = replies.poll();
      if (reply == null) {
        reply = new Reply(500, null, "{\"error\":\"internal\",\"message\":\"script ran out\"}");
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (reply.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
      }
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return call(path, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), requests);
  }

  private static Seen call(Path path, URI uri, AtomicInteger requests) throws Exception {
    // Waits of a few milliseconds: the server's Retry-After of 1 s is capped by maxBackoff.
    ServingClient client = new ServingClient(ClientOptions.of(uri)
        .withMaxRetries(MAX_RETRIES)
        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));
    String outcome;
    try {
      Wire.EnrichResponse answer = path.enrich(client);
      outcome = "answered " + answer.posts().stream().map(Wire.EnrichedPost::videoId).toList();
    } catch (ServingClientException e) {
      outcome = "failed " + e.status() + " " + e.error() + (e.retryable() ? ", retryable" : ", final");
    }
    return new Seen(outcome, requests.get(), client.retries());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
