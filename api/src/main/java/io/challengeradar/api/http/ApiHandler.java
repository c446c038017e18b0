package io.challengeradar.api.http;

import io.challengeradar.api.ApiException;
import io.challengeradar.api.MethodNotAllowedException;
import io.challengeradar.api.NotFoundException;
import io.challengeradar.api.RateLimitedException;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches one request: route, key, rate limit, parameters, handler; every failure goes through
 * {@link ErrorMapping}; every request gets one access-log line. No server API here, so tests
 * drive it directly.
 *
 * <p>The key is checked before the path is matched, so callers without a key learn nothing about
 * which paths exist; only the open routes (health, OpenAPI document) skip it.
 */
public final class ApiHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private final List<Route> routes;
  private final Access access;
  private final RateLimiter limiter;
  private final AccessLog log;
  private final ExplorerPage page = new ExplorerPage();

  public ApiHandler(List<Route> routes, Access access, RateLimiter limiter, AccessLog log) {
    this.routes = List.copyOf(routes);
    this.access = Objects.requireNonNull(access, "access");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.log = Objects.requireNonNull(log, "log");
  }

  public List<Route> routes() {
    return routes;
  }

  private record Match(Route route, Map<String, String> vars) {}

  /** A file of the explorer page; no key, since it holds no data. */
  private ApiResponse pageFile(ApiRequest request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return ErrorMapping.map(new MethodNotAllowedException(request.rawPath(), "GET"));
    }
    return page.file(request.rawPath()).orElseGet(() -> ErrorMapping.map(new NotFoundException(
        "no page " + request.rawPath() + "; the explorer is at / and the API under /v1/")));
  }

  public ApiResponse handle(ApiRequest request) {
    long start = System.nanoTime();
    String keyName = "-";
    ApiResponse response;
    try {
      if (ExplorerPage.owns(request.rawPath())) {
        response = pageFile(request);
        log.log(request.method(), request.rawPath(), response.status(),
            (System.nanoTime() - start) / 1_000_000, keyName);
        return secured(response);
      }
      List<String> segments = PathTemplate.split(request.rawPath());
      Optional<Match> match = Optional.empty();
      String allowed = null;
      for (Route r : routes) {
        Optional<Map<String, String>> vars = r.path().match(segments);
        if (vars.isPresent()) {
          if (r.method().equals(request.method())) {
            match = Optional.of(new Match(r, vars.get()));
            break;
          }
          allowed = r.method();
        }
      }
      if (match.isEmpty() || !match.get().route().open()) {
        keyName = access.authenticate(request.header("X-API-Key"), request.header("Authorization"));
        Duration wait = limiter.acquire(keyName);
        if (!wait.isZero()) {
          throw new RateLimitedException(keyName, wait);
        }
      }
      if (match.isEmpty()) {
        if (allowed != null) {
          throw new MethodNotAllowedException(request.rawPath(), allowed);
        }
        throw new NotFoundException("no endpoint " + request.method() + " " + request.rawPath()
            + "; GET /v1/openapi.json lists them");
      }
      Route route = match.get().route();
      QueryParams query = QueryParams.parse(request.rawQuery());
      query.requireOnly(route.params());
      response = route.handler().handle(new Route.Call(request, match.get().vars(), query));
    } catch (RuntimeException | Error e) {
      String errorId = null;
      if (!(e instanceof ApiException)) {
        errorId = ErrorMapping.newErrorId();
        LOG.warn("{} {} failed (error {})", request.method(), request.rawPath(), errorId, e);
      }
      response = ErrorMapping.map(e, errorId);
    }
    log.log(request.method(), request.rawPath(), response.status(),
        (System.nanoTime() - start) / 1_000_000, keyName);
    return secured(response);
  }

  /**
   * The headers every answer of the API carries: no MIME sniffing, never framed, no referrer,
   * a policy that lets a JSON answer load nothing, and no caching of data (answers depend on the
   * key). The explorer's files bring their own policy and caching ({@link ExplorerPage#HEADERS}),
   * which win.
   */
  static final Map<String, String> SECURE_HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer",
      "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
      "Cache-Control", "no-store");

  static ApiResponse secured(ApiResponse response) {
    Map<String, String> headers = new java.util.HashMap<>(SECURE_HEADERS);
    headers.putAll(response.headers());
    return new ApiResponse(response.status(), response.contentType(), headers, response.body());
  }
}
