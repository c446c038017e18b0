package io.challengeradar.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.challengeradar.api.ApiOptions.ServerLimits;
import io.challengeradar.api.PayloadTooLargeException;
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
 * what it answers. Bounded: {@code threads} requests in flight, {@link
 * ServerLimits#pendingRequests()} more waiting for a thread; a request beyond those is handed to
 * a small shedding pool that answers 503 with Retry-After (only when that pool is full as well
 * does the JDK server close the connection unanswered). A body over the limit is answered 413
 * (unread when its length is declared), and the JDK server's timeouts ({@link JdkServerLimits})
 * cut off clients that send too slowly or sit idle.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final int SHEDDING_THREADS = 2;

  private final HttpServer http;
  private final ThreadPoolExecutor executor;
  private final ThreadPoolExecutor shedding;
  private final ApiHandler handler;
  private final ServerLimits limits;

  /** A thread of the shedding pool: every exchange it runs is answered 503 at once. */
  private static final class Shedding extends Thread {
    Shedding(Runnable r, String name) {
      super(r, name);
      setDaemon(true);
    }
  }

  private ApiServer(int port, int threads, ServerLimits limits, ApiHandler handler)
      throws IOException {
    this.handler = handler;
    this.limits = limits;
    AtomicInteger ids = new AtomicInteger();
    this.shedding = new ThreadPoolExecutor(SHEDDING_THREADS, SHEDDING_THREADS, 60,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(limits.pendingRequests()),
        r -> new Shedding(r, "api-shed-" + ids.incrementAndGet()));
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(limits.pendingRequests()), r -> {
          Thread t = new Thread(r, "api-" + ids.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, (r, full) -> shedding.execute(r));
    JdkServerLimits.apply(limits.readTimeout(), limits.idleTimeout());
    this.http = HttpServer.create(new InetSocketAddress(port), 256);
    http.createContext("/", this::exchange);
    http.setExecutor(executor);
  }

  /** Binds {@code port} (0: any free one) and starts answering. */
  public static ApiServer start(int port, int threads, ServerLimits limits, ApiHandler handler)
      throws IOException {
    ApiServer server = new ApiServer(port, threads, limits, handler);
    server.http.start();
    return server;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private void exchange(HttpExchange ex) {
    try (ex) {
      ApiResponse r;
      if (Thread.currentThread() instanceof Shedding) {
        r = ApiHandler.secured(ErrorMapping.overloaded(limits.pendingRequests()));
      } else {
        PayloadTooLargeException tooLarge = readBody(ex);
        if (tooLarge != null) {
          r = ApiHandler.secured(ErrorMapping.map(tooLarge));
        } else {
          Map<String, String> headers = new HashMap<>();
          ex.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
              headers.put(name, values.get(0));
            }
          });
          r = handler.handle(new ApiRequest(ex.getRequestMethod(),
              ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(), headers));
        }
      }
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

  /**
   * Requests have no body; what a client sends anyway is read and dropped (so the connection can
   * be reused) up to the limit. A declared length over it is refused without reading a byte.
   *
   * @return the refusal, or null when the body was within the limit
   */
  private PayloadTooLargeException readBody(HttpExchange ex) throws IOException {
    int limit = limits.maxBodyBytes();
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          return tooLarge(declared.trim() + " bytes", limit);
        }
      } catch (NumberFormatException e) {
        return tooLarge("an unreadable Content-Length", limit);
      }
    }
    // Not closed here: closing reads on to the end, and the refusal should go out first.
    InputStream in = ex.getRequestBody();
    try {
      in.transferTo(new LimitedSink(limit));
      return null;
    } catch (LimitedSink.Full e) {
      return tooLarge("more than " + limit + " bytes", limit);
    }
  }

  private static PayloadTooLargeException tooLarge(String size, int limit) {
    return new PayloadTooLargeException("the request's body is " + size + ", over the limit of "
        + limit + " bytes (api.max-body-bytes); the API's requests carry no body");
  }

  /** Drops what it is given, and stops the copy once more than the limit came. */
  private static final class LimitedSink extends OutputStream {
    private final int limit;
    private long written;

    LimitedSink(int limit) {
      this.limit = limit;
    }

    static final class Full extends IOException {
      Full() {
        super(null, null);
      }
    }

    @Override
    public void write(int b) throws Full {
      write(null, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws Full {
      written += len;
      if (written > limit) {
        throw new Full();
      }
    }
  }

  public List<Route> routes() {
    return handler.routes();
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
