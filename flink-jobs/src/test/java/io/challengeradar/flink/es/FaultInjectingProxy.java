package io.challengeradar.flink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An HTTP proxy in front of the real Elasticsearch that misbehaves as an overloaded cluster or a
 * strict proxy does, on bulk requests only; everything else passes through untouched.
 *
 * <ul>
 *   <li>Overloaded: for a while from the first bulk request, every bulk request is answered as a
 *       busy cluster answers it: 200 with every item refused 429 {@code
 *       es_rejected_execution_exception}, nothing indexed.
 *   <li>A body limit: a bulk request over {@code maxBulkBytes} is answered 413 with an HTML body,
 *       as nginx does.
 *   <li>Refusing: for a while, every item answered 400 {@code mapper_parsing_exception}, dead
 *       letters too.
 * </ul>
 */
final class FaultInjectingProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Headers the JDK client sets itself and refuses to be given. */
  private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection",
      "expect", "upgrade", "transfer-encoding", "keep-alive");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;

  private volatile long overloadMillis;
  private volatile long maxBulkBytes = Long.MAX_VALUE;
  private volatile long refuseMillis;
  private volatile LongSupplier probe = () -> 0;
  private final AtomicLong firstBulkAt = new AtomicLong();
  private final AtomicLong probedWhileOverloaded = new AtomicLong();

  final AtomicInteger itemsAnswered429 = new AtomicInteger();
  final AtomicInteger requestsAnswered413 = new AtomicInteger();
  final AtomicInteger itemsAnswered400 = new AtomicInteger();
  final AtomicInteger bulkRequestsForwarded = new AtomicInteger();

  private FaultInjectingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  static FaultInjectingProxy to(String elasticsearchUrl) throws IOException {
    return new FaultInjectingProxy(URI.create(elasticsearchUrl));
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers every item 429 for {@code duration} from the first bulk request on. */
  FaultInjectingProxy overloadedFor(Duration duration) {
    overloadMillis = duration.toMillis();
    return this;
  }

  /** Answers 413 to every bulk request whose body is over {@code bytes}. */
  FaultInjectingProxy maxBulkBytes(long bytes) {
    maxBulkBytes = bytes;
    return this;
  }

  /** Answers every item 400, as a mapping that refuses every document would. */
  FaultInjectingProxy refusingEveryItem() {
    return refusingEveryItemFor(Duration.ofDays(1));
  }

  /** Answers every item 400 for {@code duration} from the first bulk request on. */
  FaultInjectingProxy refusingEveryItemFor(Duration duration) {
    refuseMillis = duration.toMillis();
    return this;
  }

  /**
   * Reads {@code probe} at every overloaded answer; {@link #probedWhileOverloaded} is the most it
   * read (how far the job got while nothing was indexed).
   */
  FaultInjectingProxy probing(LongSupplier probe) {
    this.probe = probe;
    return this;
  }

  long probedWhileOverloaded() {
    return probedWhileOverloaded.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean bulk = exchange.getRequestURI().getPath().endsWith("/_bulk");
      if (bulk) {
        firstBulkAt.compareAndSet(0, System.currentTimeMillis());
        if (body.length > maxBulkBytes) {
          requestsAnswered413.incrementAndGet();
          respond(exchange, 413, "text/html", ("<html><head><title>413 Request Entity Too Large"
              + "</title></head><body><center><h1>413 Request Entity Too Large</h1></center>"
              + "</body></html>").getBytes(StandardCharsets.US_ASCII));
          return;
        }
        if (System.currentTimeMillis() - firstBulkAt.get() < overloadMillis) {
          probedWhileOverloaded.accumulateAndGet(probe.getAsLong(), Math::max);
          respond(exchange, 200, "application/json", itemsRefused(body, 429,
              "es_rejected_execution_exception",
              "rejected execution of coordinating operation [injected overload]",
              itemsAnswered429));
          return;
        }
        if (System.currentTimeMillis() - firstBulkAt.get() < refuseMillis) {
          respond(exchange, 200, "application/json", itemsRefused(body, 400,
              "mapper_parsing_exception", "failed to parse [injected refusal]",
              itemsAnswered400));
          return;
        }
        bulkRequestsForwarded.incrementAndGet();
      }
      forward(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A bulk response as Elasticsearch gives it when it refuses every item. */
  private static byte[] itemsRefused(byte[] body, int status, String type, String reason,
      AtomicInteger count) throws IOException {
    ObjectNode response = JSON.createObjectNode().put("took", 1).put("errors", true);
    ArrayNode items = response.putArray("items");
    List<String> lines = new String(body, StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank()).toList();
    // Every operation the sink sends is an index with its document: action, source, action...
    for (int i = 0; i < lines.size(); i += 2) {
      JsonNode action = JSON.readTree(lines.get(i)).get("index");
      ObjectNode item = items.addObject().putObject("index")
          .put("_index", action.get("_index").asText()).put("_id", action.get("_id").asText())
          .put("status", status);
      item.putObject("error").put("type", type).put("reason", reason);
      count.incrementAndGet();
    }
    return JSON.writeValueAsBytes(response);
  }

  private void forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    URI uri = target.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? ""
            : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .method(exchange.getRequestMethod(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<byte[]> answer = client.send(request.build(),
        HttpResponse.BodyHandlers.ofByteArray());
    for (Map.Entry<String, List<String>> h : answer.headers().map().entrySet()) {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))
          && !h.getKey().startsWith(":")) {
        exchange.getResponseHeaders().put(h.getKey(), h.getValue());
      }
    }
    boolean noBody = answer.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : answer.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (status == 200) {
      // The Java client refuses a success without it, as from something that is not Elasticsearch.
      exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
