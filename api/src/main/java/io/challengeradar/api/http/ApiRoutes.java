package io.challengeradar.api.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.api.BadRequestException;
import io.challengeradar.api.query.ChallengeKey;
import io.challengeradar.api.query.EmergingQuery;
import io.challengeradar.api.query.PageRequest;
import io.challengeradar.api.query.PageResult;
import io.challengeradar.api.query.RadarQueries;
import io.challengeradar.contract.TagKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The API's endpoints: each turns checked parameters into a {@link RadarQueries} call and its
 * answer into JSON. The OpenAPI document ({@value #OPENAPI_RESOURCE}) describes exactly these.
 */
public final class ApiRoutes {

  public static final String OPENAPI_RESOURCE = "/io/challengeradar/api/openapi.json";

  private static final Set<String> PAGING = Set.of("page", "size");

  private final RadarQueries queries;
  private final Supplier<RadarQueries.Health> health;
  private final byte[] openApi;

  /** Health asked of Elasticsearch on each call (tests). */
  public ApiRoutes(RadarQueries queries) {
    this(queries, queries::health);
  }

  /** @param health the answer {@code /v1/health} gives, a cached one in the server */
  public ApiRoutes(RadarQueries queries, Supplier<RadarQueries.Health> health) {
    this.queries = queries;
    this.health = health;
    this.openApi = openApiDocument();
  }

  /** Every route the server registers. */
  public List<Route> routes() {
    return List.of(
        get("/v1/health", Set.of(), true, this::health),
        get("/v1/openapi.json", Set.of(), true,
            c -> new ApiResponse(200, ApiResponse.JSON, Map.of(), openApi)),
        get("/v1/challenges/emerging", with(PAGING, "stage", "kind", "since", "sort"), false,
            this::emerging),
        get("/v1/challenges/{kind}/{tag}", Set.of(), false,
            c -> ApiResponse.json(200, queries.challenge(key(c)))),
        get("/v1/challenges/{kind}/{tag}/timeline", with(PAGING, "from", "to"), false,
            this::timeline),
        get("/v1/challenges/{kind}/{tag}/participants", PAGING, false, this::participants),
        get("/v1/challenges/{kind}/{tag}/similar", PAGING, false,
            c -> pageAnswer(c, c.query().page(), queries.similar(key(c), c.query().page()),
                JsonNodeFactory.instance.objectNode().put("challenge", key(c).id()))),
        get("/v1/users/{userId}/challenges", PAGING, false,
            c -> pageAnswer(c, c.query().page(),
                queries.userChallenges(c.path("userId"), c.query().page()),
                JsonNodeFactory.instance.objectNode().put("userId", c.path("userId")))),
        get("/v1/videos/{videoId}", Set.of("include"), false, this::video),
        get("/v1/challenges/search", with(PAGING, "q", "kind"), false, this::search),
        get("/v1/challenges/{kind}/{tag}/curve", Set.of("points"), false,
            c -> ApiResponse.json(200, queries.curve(key(c),
                c.query().integer("points", DEFAULT_POINTS, 1, MAX_POINTS)))),
        get("/v1/challenges/{kind}/{tag}/related", Set.of("size"), false,
            c -> ApiResponse.json(200, queries.related(key(c),
                c.query().integer("size", DEFAULT_RELATED, 1, MAX_RELATED)))),
        get("/v1/challenges/{kind}/{tag}/videos", with(PAGING, "sort"), false, this::videos),
        get("/v1/pipeline/health", Set.of(), false,
            c -> ApiResponse.json(200, queries.pipeline())));
  }

  /** Windows on a curve: two days of hourly windows by default, three weeks at most. */
  static final int DEFAULT_POINTS = 48;
  static final int MAX_POINTS = 504;
  static final int DEFAULT_RELATED = 10;
  static final int MAX_RELATED = 50;

  private ApiResponse search(Route.Call c) {
    String q = c.query().text("q").orElseThrow(
        () -> new BadRequestException("q", "required: the start of a hashtag or sound id"));
    if (q.length() > MAX_SEARCH_CHARS) {
      throw new BadRequestException("q", "at most " + MAX_SEARCH_CHARS + " characters");
    }
    TagKind kind = c.query().text("kind").map(k -> ChallengeKey.parseKind("kind", k)).orElse(null);
    PageRequest page = c.query().page();
    return pageAnswer(c, page, queries.search(q, kind, page),
        JsonNodeFactory.instance.objectNode().put("q", q));
  }

  private static final int MAX_SEARCH_CHARS = 100;

  private ApiResponse videos(Route.Call c) {
    ChallengeKey key = key(c);
    RadarQueries.VideoSort sort = c.query().text("sort").map(ApiRoutes::videoSort)
        .orElse(RadarQueries.VideoSort.VIEWS);
    PageRequest page = c.query().page();
    return pageAnswer(c, page, queries.videos(key, sort, page),
        JsonNodeFactory.instance.objectNode().put("challenge", key.id()));
  }

  private static RadarQueries.VideoSort videoSort(String s) {
    try {
      return RadarQueries.VideoSort.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("sort", "must be one of views, virality, recent");
    }
  }

  private static Route get(String path, Set<String> params, boolean open, Route.Handler h) {
    return new Route("GET", new PathTemplate(path), params, open, h);
  }

  private static Set<String> with(Set<String> base, String... more) {
    java.util.HashSet<String> all = new java.util.HashSet<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private ApiResponse health(Route.Call c) {
    RadarQueries.Health h = health.get();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("status", h.reachable() ? "up" : "degraded");
    ObjectNode es = body.putObject("elasticsearch");
    es.put("reachable", h.reachable());
    es.put("status", h.status());
    es.put("detail", h.detail());
    es.put("checkedAt", h.checkedAt().toString());
    return ApiResponse.json(h.reachable() ? 200 : 503, body);
  }

  private ApiResponse emerging(Route.Call c) {
    QueryParams q = c.query();
    EmergingQuery query = new EmergingQuery(
        q.text("stage").map(s -> EmergingQuery.parseStages("stage", s))
            .orElse(EmergingQuery.RISING),
        q.text("kind").map(k -> ChallengeKey.parseKind("kind", k)).orElse(null),
        q.instant("since").orElse(null),
        q.text("sort").map(ApiRoutes::sort).orElse(EmergingQuery.Sort.SINCE),
        q.page());
    return pageAnswer(c, query.page(), queries.emerging(query), null);
  }

  private static EmergingQuery.Sort sort(String s) {
    try {
      return EmergingQuery.Sort.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("sort", "must be one of since, growth, risk, participants");
    }
  }

  private ApiResponse timeline(Route.Call c) {
    ChallengeKey key = key(c);
    Instant from = c.query().instant("from").orElse(null);
    Instant to = c.query().instant("to").orElse(null);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadRequestException("to", "must be after from");
    }
    PageRequest page = c.query().page();
    return pageAnswer(c, page, queries.timeline(key, from, to, page),
        JsonNodeFactory.instance.objectNode().put("challenge", key.id()));
  }

  private ApiResponse participants(Route.Call c) {
    PageRequest page = c.query().page();
    RadarQueries.Participants p = queries.participants(key(c), page);
    ObjectNode head = JsonNodeFactory.instance.objectNode().put("challenge", p.challenge().id());
    p.round().ifPresent(head::setAll);
    return pageAnswer(c, page, p.page(), head);
  }

  private ApiResponse video(Route.Call c) {
    boolean embedding = false;
    if (c.query().get("include").isPresent()) {
      if (!"embedding".equals(c.query().get("include").get())) {
        throw new BadRequestException("include", "the only value is 'embedding'");
      }
      embedding = true;
    }
    return ApiResponse.json(200, queries.video(c.path("videoId"), embedding));
  }

  private static ChallengeKey key(Route.Call c) {
    return ChallengeKey.parse(c.path("kind"), c.path("tag"));
  }

  /**
   * A page: {@code head}'s fields, then total, page, size, next (the link to the next page, or
   * absent on the last), items.
   */
  static ApiResponse pageAnswer(
      Route.Call c, PageRequest page, PageResult<?> result, ObjectNode head) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (head != null) {
      body.setAll(head);
    }
    body.put("total", result.total());
    body.put("page", page.page());
    body.put("size", page.size());
    if (page.hasNext(result.total())) {
      body.put("next", c.request().rawPath() + "?" + c.query().withPage(page.page() + 1));
    }
    body.set("items", Json.MAPPER.valueToTree(result.items()));
    return ApiResponse.json(200, body);
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
    }
  }
}
