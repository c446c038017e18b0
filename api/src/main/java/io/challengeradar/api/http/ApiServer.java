package io.challengeradar.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin transport: the JDK HTTP server hands each exchange to {@link ApiHandler} and writes
 * what it answers. Handler threads are bounded and so is the queue in front of them.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer http;
  private final ThreadPoolExecutor executor;
  private final ApiHandler handler;

  private ApiServer(int port, int threads, ApiHandler handler) throws IOException {
    this.handler = handler;
    AtomicInteger ids = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * 16), r -> {
          Thread t = new Thread(r, "api-" + ids.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.http = HttpServer.create(new InetSocketAddress(port), 256);
    http.createContext("/", this::exchange);
    http.setExecutor(executor);
  }

  /** Binds {@code port} (0: any free one) and starts answering. */
  public static ApiServer start(int port, int threads, ApiHandler handler) throws IOException {
    ApiServer server = new ApiServer(port, threads, handler);
    server.http.start();
    return server;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private void exchange(HttpExchange ex) {
    try (ex) {
      // Requests have no body; drain what a client sent anyway so the connection can be reused.
      try (InputStream in = ex.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      Map<String, String> headers = new HashMap<>();
      ex.getRequestHeaders().forEach((name, values) -> {
        if (!values.isEmpty()) {
          headers.put(name, values.get(0));
        }
      });
      ApiResponse r = handler.handle(new ApiRequest(ex.getRequestMethod(),
          ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(), headers));
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(r.status(), head ? -1 : r.body().length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(r.body());
        }
      }
    } catch (IOException e) {
      LOG.debug("client went away before the answer was written", e);
    }
  }

  public List<Route> routes() {
    return handler.routes();
  }

  /** Stops accepting connections, lets handlers finish briefly, then stops the threads. */
  @Override
  public void close() {
    http.stop(1);
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
