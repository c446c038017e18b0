package io.challengeradar.serving.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.challengeradar.serving.ServingException;
import io.challengeradar.serving.api.ServingApi;
import io.challengeradar.serving.model.ModelRegistry;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin HTTP layer over {@link ServingApi} (JDK HTTP server). Parses, dispatches, writes; every
 * failure goes through {@link ErrorMapping}. Load is shed by the model engines' bounded queues,
 * which answer 429 at once, so handler threads are never parked on an unbounded backlog.
 *
 * <p>The server itself is bounded too: {@code threads} requests in flight, {@code
 * pendingRequests} more waiting for a thread; a request beyond those is handed to a small
 * shedding pool that answers 503 with Retry-After without reading its body (only when that pool
 * is full as well does the JDK server close the connection unanswered). A body is limited before
 * it is read (413), and the JDK server's timeouts ({@link JdkServerLimits}) cut off clients that
 * send too slowly or sit idle.
 */
public final class ServingServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServingServer.class);
  private static final String JSON = "application/json";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer http;
  private final ThreadPoolExecutor executor;
  private final ThreadPoolExecutor shedding;
  private final ServingApi api;
  private final ModelRegistry models;
  private final ServingMetrics metrics;
  private final ServerOptions options;
  private final Map<String, Route> routes;
  private final byte[] token;

  private record Reply(int status, String contentType, byte[] body) {}

  /** Threads that only answer 503 to requests beyond the bounds (they read headers, no body). */
  private static final int SHEDDING_THREADS = 2;

  /** A thread of the shedding pool: every exchange it runs is answered 503 at once. */
  private static final class Shedding extends Thread {
    Shedding(Runnable r, String name) {
      super(r, name);
      setDaemon(true);
    }
  }

  @FunctionalInterface
  private interface Handler {
    Reply handle(byte[] body);
  }

  private record Route(String method, Handler handler) {}

  private ServingServer(
      ServerOptions options, ServingApi api, ModelRegistry models, ServingMetrics metrics)
      throws IOException {
    this.options = options;
    this.api = api;
    this.models = models;
    this.metrics = metrics;
    this.token = options.token() == null ? null
        : options.token().getBytes(StandardCharsets.UTF_8);
    this.routes =
        Map.of(
            "/v1/embed", new Route("POST", b -> json(api.embed(JsonCodec.read(b, Wire.EmbedRequest.class)))),
            "/v1/enrich",
                new Route("POST", b -> json(api.enrich(JsonCodec.read(b, Wire.EnrichRequest.class)))),
            "/v1/score/participation",
                new Route("POST", b -> json(api.participation(JsonCodec.read(b, Wire.ParticipationRequest.class)))),
            "/v1/score/virality",
                new Route("POST", b -> json(api.virality(JsonCodec.read(b, Wire.ViralityRequest.class)))),
            "/v1/score/claims",
                new Route("POST", b -> json(api.claims(JsonCodec.read(b, Wire.ViralityRequest.class)))),
            "/v1/models", new Route("GET", b -> json(new Wire.ModelsResponse(api.describeModels()))),
            "/health/live", new Route("GET", b -> json(Map.of("status", "live"))),
            "/health/ready", new Route("GET", b -> ready()),
            "/metrics",
                new Route("GET", b -> new Reply(200, PROMETHEUS,
                    metrics.render(models::loaded).getBytes(StandardCharsets.UTF_8))));
    AtomicInteger ids = new AtomicInteger();
    this.shedding = new ThreadPoolExecutor(SHEDDING_THREADS, SHEDDING_THREADS, 60,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(options.pendingRequests()),
        r -> new Shedding(r, "http-shed-" + ids.incrementAndGet()));
    this.executor =
        new ThreadPoolExecutor(
            options.threads(),
            options.threads(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(options.pendingRequests()),
            r -> {
              Thread t = new Thread(r, "http-" + ids.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            (r, full) -> shedding.execute(r));
    JdkServerLimits.apply(options.readTimeout(), options.idleTimeout());
    this.http = HttpServer.create(
        new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()), 1024);
    http.createContext("/", this::exchange);
    http.setExecutor(executor);
  }

  /** Binds the port and starts answering. */
  public static ServingServer start(
      ServerOptions options, ServingApi api, ModelRegistry models, ServingMetrics metrics)
      throws IOException {
    ServingServer server = new ServingServer(options, api, models, metrics);
    server.http.start();
    LOG.info("serving on {}:{}{}", options.bindAddress(), server.port(),
        options.token() == null ? " without a token" : ", token required");
    return server;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private Reply ready() {
    boolean loaded = models.ready();
    List<String> down = api.workersDown();
    boolean ready = loaded && down.isEmpty();
    return new Reply(ready ? 200 : 503, JSON, WireJson.write(Map.of(
        "status", ready ? "ready" : loaded ? "worker_down" : "loading",
        "models", models.loaded().size(),
        "workersDown", down)));
  }

  private static Reply json(Object value) {
    return new Reply(200, JSON, WireJson.write(value));
  }

  private void exchange(HttpExchange ex) {
    long start = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    Route route = routes.get(path);
    String endpoint = route == null ? "other" : path;
    Reply reply;
    long retryAfter = 0;
    try {
      if (Thread.currentThread() instanceof Shedding) {
        metrics.countError("overloaded");
        retryAfter = 1;
        ex.getResponseHeaders().add("Connection", "close");
        reply = new Reply(503, JSON, WireJson.write(new Wire.ErrorResponse("overloaded",
            "every handler thread is busy and " + options.pendingRequests() + " requests wait;"
                + " retry later (serving.threads, serving.pending-requests)", null, null)));
      } else if (route == null) {
        throw new UnknownEndpoint(path);
      } else if (!authorized(path, ex.getRequestHeaders().getFirst("Authorization"))) {
        // Before the body is read: an unauthenticated caller costs no more than its headers.
        metrics.countError("unauthorized");
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        reply = new Reply(401, JSON, WireJson.write(new Wire.ErrorResponse("unauthorized",
            "send the serving tier's token as Authorization: Bearer TOKEN (serving.token)",
            null, null)));
      } else if (!route.method().equals(ex.getRequestMethod())) {
        reply = new Reply(405, JSON, WireJson.write(new Wire.ErrorResponse(
            "method_not_allowed", path + " takes " + route.method(), null, null)));
        ex.getResponseHeaders().add("Allow", route.method());
      } else {
        reply = route.handler().handle(body(ex));
      }
    } catch (UnknownEndpoint e) {
      metrics.countError("unknown_endpoint");
      reply = new Reply(404, JSON, WireJson.write(new Wire.ErrorResponse(
          "unknown_endpoint", "no endpoint " + e.getMessage(), null, null)));
    } catch (RuntimeException | IOException | Error e) {
      String errorId = null;
      if (!(e instanceof ServingException)) {
        errorId = ErrorMapping.newErrorId();
        LOG.warn("{} failed (error {})", path, errorId, e);
      }
      ErrorMapping.HttpError err = ErrorMapping.map(e, errorId);
      metrics.countError(err.body().error());
      retryAfter = err.retryAfter();
      if (err.status() == 413) {
        // The rest of the body is not wanted: close rather than read it to reuse the connection.
        ex.getResponseHeaders().add("Connection", "close");
      }
      reply = new Reply(err.status(), JSON, WireJson.write(err.body()));
    }
    try {
      if (retryAfter > 0) {
        ex.getResponseHeaders().add("Retry-After", Long.toString(retryAfter));
      }
      ex.getResponseHeaders().add("Content-Type", reply.contentType());
      ex.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply.body());
      }
    } catch (IOException e) {
      LOG.debug("client went away before the answer to {} was written", path);
    } finally {
      ex.close();
      metrics.requestDone(endpoint, reply.status(), System.nanoTime() - start);
    }
  }

  /**
   * Health and metrics are open (probes and scrapers carry no token; they reveal counts and
   * timings, no data); every other path needs the token when one is set. Compared in constant
   * time; never logged.
   */
  private boolean authorized(String path, String header) {
    if (token == null || path.startsWith("/health/") || path.equals("/metrics")) {
      return true;
    }
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(token, header.substring(7).strip()
        .getBytes(StandardCharsets.UTF_8));
  }

  private byte[] body(HttpExchange ex) throws IOException {
    return BodyLimit.read(ex.getRequestHeaders().getFirst("Content-Length"), ex.getRequestBody(),
        options.maxBodyBytes());
  }

  private static final class UnknownEndpoint extends RuntimeException {
    UnknownEndpoint(String path) {
      super(path, null, false, false);
    }
  }

  /** Stops accepting connections, lets handlers finish briefly, then stops the threads. */
  @Override
  public void close() {
    http.stop(1);
    shedding.shutdown();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
