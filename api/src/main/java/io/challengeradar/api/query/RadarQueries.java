package io.challengeradar.api.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.api.BackendUnavailableException;
import io.challengeradar.api.NotFoundException;
import io.challengeradar.contract.AlertFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.ParticipationFields;
import io.challengeradar.contract.StageFields;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.contract.WindowFields;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The query engine: every question the API answers, as Elasticsearch searches over the indices
 * the pipeline writes. Knows nothing of HTTP; answers are the stored documents (as JSON trees,
 * large vectors left out) plus the keys a client needs to follow up.
 *
 * <p>Every search ignores indices that do not exist yet, so a fresh platform answers with empty
 * lists rather than errors. Elasticsearch being unreachable or overloaded becomes {@link
 * BackendUnavailableException}; anything else it refuses is a bug in a query here and fails loudly.
 */
public final class RadarQueries {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Bound on one terms aggregation's buckets. */
  private static final int MAX_DISTINCT = PageRequest.MAX_DEPTH;

  private final ElasticsearchClient client;
  private final Duration retryAfter;

  /**
   * @param retryAfter what to tell clients when Elasticsearch cannot be reached
   */
  public RadarQueries(ElasticsearchClient client, Duration retryAfter) {
    this.client = Objects.requireNonNull(client, "client");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** The latest scoring round of a challenge and one page of its ranked participants. */
  public record Participants(
      ChallengeKey challenge, Optional<ObjectNode> round, PageResult<ObjectNode> page) {}

  /** Whether Elasticsearch answers, and its cluster status when it does. */
  public record Health(boolean reachable, String status, String detail) {}

  /** Challenges by their current stage: radar-hashtags. */
  public PageResult<ObjectNode> emerging(EmergingQuery q) {
    List<Query> filters = new ArrayList<>();
    List<FieldValue> stages = q.stages().stream().map(s -> FieldValue.of(s.name())).toList();
    filters.add(Query.of(f -> f.terms(t -> t.field(StageFields.STAGE)
        .terms(v -> v.value(stages)))));
    q.kindFilter().ifPresent(k -> filters.add(term(StageFields.KIND, k.wire())));
    q.sinceFilter().ifPresent(s -> filters.add(Query.of(f -> f.range(r -> r.date(d -> d
        .field(StageFields.SINCE).gte(s.toString()))))));
    SearchResponse<ObjectNode> r = search(List.of(Index.HASHTAGS), b -> b
        .query(x -> x.bool(bool -> bool.filter(filters)))
        .sort(s -> s.field(f -> f.field(q.sort().field()).order(SortOrder.Desc).missing("_last")))
        .sort(s -> s.field(f -> f.field(StageFields.KIND).order(SortOrder.Asc)))
        .sort(s -> s.field(f -> f.field(StageFields.TAG).order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.excludes(StageFields.REPRESENTATION)))
        .from(q.page().from())
        .size(q.page().size()));
    return page(r, RadarQueries::challengeItem);
  }

  /** The challenge's radar-hashtags document (its current stage), without the vector. */
  public ObjectNode challenge(ChallengeKey key) {
    return challengeItem(challengeDocument(key, false).orElseThrow(() -> new NotFoundException(
        "no challenge " + key.id() + ": it has not reached a stage yet, or is not known")));
  }

  /**
   * The challenge's windows and alerts in time order, each with {@code type} (window or alert)
   * and {@code at} (window end, or the alert's detection time, which is the end of the window
   * that completed the match: a window sorts before the alert it triggered).
   *
   * <p>The test cluster's distribution has no scripting, so the two indices cannot share one
   * computed sort key; each is searched for its first {@code from + size} items in time order and
   * the two lists are merged. Deep pages cost more, within the {@link PageRequest#MAX_DEPTH} bound.
   *
   * @param from only items at or after this; null for no bound
   * @param to only items before this; null for no bound
   */
  public PageResult<ObjectNode> timeline(
      ChallengeKey key, Instant from, Instant to, PageRequest page) {
    int needed = page.from() + page.size();
    SearchResponse<ObjectNode> windows = timeSeries(key, key.kind().windows(),
        WindowFields.WINDOW_END, WindowFields.WINDOW_START, from, to, needed);
    SearchResponse<ObjectNode> alerts = timeSeries(key, Index.ALERTS, AlertFields.DETECTED_AT,
        AlertFields.STAGE, from, to, needed);
    long total = total(windows) + total(alerts);
    if (total == 0) {
      requireKnown(key);
    }
    List<ObjectNode> merged = new ArrayList<>(needed);
    List<Hit<ObjectNode>> w = windows.hits().hits();
    List<Hit<ObjectNode>> a = alerts.hits().hits();
    int i = 0;
    int j = 0;
    while (merged.size() < needed && (i < w.size() || j < a.size())) {
      boolean takeWindow = j >= a.size() || i < w.size()
          && !instant(w.get(i), WindowFields.WINDOW_END)
              .isAfter(instant(a.get(j), AlertFields.DETECTED_AT));
      merged.add(takeWindow
          ? timelineItem("window", WindowFields.WINDOW_END, w.get(i++))
          : timelineItem("alert", AlertFields.DETECTED_AT, a.get(j++)));
    }
    return new PageResult<>(total,
        merged.subList(Math.min(page.from(), merged.size()), merged.size()));
  }

  /** The index's documents about the challenge in {@code timeField} order, then {@code tieField}. */
  private SearchResponse<ObjectNode> timeSeries(ChallengeKey key, Index index, String timeField,
      String tieField, Instant from, Instant to, int size) {
    List<Query> filters = new ArrayList<>(tagFilters(key));
    if (from != null || to != null) {
      filters.add(Query.of(f -> f.range(r -> r.date(d -> {
        d.field(timeField);
        if (from != null) {
          d.gte(from.toString());
        }
        if (to != null) {
          d.lt(to.toString());
        }
        return d;
      }))));
    }
    return search(List.of(index), b -> b
        .query(x -> x.bool(bool -> bool.filter(filters)))
        .sort(s -> s.field(f -> f.field(timeField).order(SortOrder.Asc)))
        .sort(s -> s.field(f -> f.field(tieField).order(SortOrder.Asc)))
        .size(size));
  }

  /** A date as Elasticsearch may hold it: ISO-8601 text (what the pipeline writes) or epoch ms. */
  private static Instant instant(Hit<ObjectNode> hit, String field) {
    JsonNode v = hit.source().path(field);
    return v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : Instant.parse(v.asText());
  }

  private static ObjectNode timelineItem(String type, String timeField, Hit<ObjectNode> hit) {
    ObjectNode item = NODES.objectNode();
    item.put("type", type);
    item.set("at", hit.source().get(timeField));
    item.setAll(hit.source());
    return item;
  }

  /**
   * The likely participants of the challenge's latest scoring round (the round with the newest
   * scoredAt), best first. A user who was not rescored in that round is not listed, even though
   * their document from an older round is still stored.
   */
  public Participants participants(ChallengeKey key, PageRequest page) {
    SearchResponse<ObjectNode> latest = search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(term(ParticipationFields.CHALLENGE, key.id()))))
        .sort(s -> s.field(f -> f.field(ParticipationFields.SCORED_AT).order(SortOrder.Desc)))
        .source(src -> src.filter(f -> f.includes(ParticipationFields.ROUND,
            ParticipationFields.STAGE, ParticipationFields.SCORED_AT, ParticipationFields.MODEL,
            ParticipationFields.MODEL_VERSION)))
        .size(1));
    if (latest.hits().hits().isEmpty()) {
      requireKnown(key);
      return new Participants(key, Optional.empty(), PageResult.empty());
    }
    ObjectNode round = latest.hits().hits().get(0).source();
    String roundId = round.path(ParticipationFields.ROUND).asText();
    SearchResponse<ObjectNode> r = search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(term(ParticipationFields.CHALLENGE, key.id()),
            term(ParticipationFields.ROUND, roundId))))
        .sort(s -> s.field(f -> f.field(ParticipationFields.RANK).order(SortOrder.Asc)))
        .sort(s -> s.field(f -> f.field(ParticipationFields.USER_ID).order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.includes(ParticipationFields.USER_ID,
            ParticipationFields.PROBABILITY, ParticipationFields.RANK,
            ParticipationFields.USER_VIDEOS)))
        .from(page.from())
        .size(page.size()));
    return new Participants(key, Optional.of(round), page(r, Hit::source));
  }

  /**
   * The challenges a user is predicted to join, likeliest first. Only each challenge's latest
   * scoring round counts (the round with the newest scoredAt, as for {@link #participants}): a
   * later round that no longer ranks the user leaves their older document stored (ids are per
   * challenge and user, and a round rewrites only the users it ranks), and that document is a
   * prediction the platform has since withdrawn.
   *
   * <p>Three searches: the user's challenges, the latest round of each, then the page of the
   * user's documents from those rounds. A round id is its alert's id, which names the challenge,
   * so one terms filter on round is exact.
   */
  public PageResult<ObjectNode> userChallenges(String userId, PageRequest page) {
    Query user = term(ParticipationFields.USER_ID, userId);
    List<String> challenges =
        distinct(List.of(Index.PARTICIPATION), user, ParticipationFields.CHALLENGE);
    if (challenges.isEmpty()) {
      if (count(List.of(Index.VIDEOS), term(VideoFields.AUTHOR_ID, userId)) == 0) {
        throw new NotFoundException(
            "no user " + userId + ": no predictions for them and no videos by them");
      }
      return PageResult.empty();
    }
    List<FieldValue> rounds = latestRounds(challenges).stream().map(FieldValue::of).toList();
    SearchResponse<ObjectNode> r = search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(user, Query.of(f -> f.terms(t -> t
            .field(ParticipationFields.ROUND).terms(v -> v.value(rounds)))))))
        .sort(s -> s.field(f -> f.field(ParticipationFields.PROBABILITY).order(SortOrder.Desc)))
        .sort(s -> s.field(f -> f.field(ParticipationFields.CHALLENGE).order(SortOrder.Asc)))
        .from(page.from())
        .size(page.size()));
    return page(r, Hit::source);
  }

  /** The newest-scored round of each challenge. */
  private List<String> latestRounds(List<String> challenges) {
    List<FieldValue> keys = challenges.stream().map(FieldValue::of).toList();
    SearchResponse<ObjectNode> r = search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(Query.of(f -> f.terms(t -> t
            .field(ParticipationFields.CHALLENGE).terms(v -> v.value(keys)))))))
        .size(0)
        .aggregations("challenge", a -> a
            .terms(t -> t.field(ParticipationFields.CHALLENGE).size(challenges.size()))
            .aggregations("latest", l -> l.topHits(h -> h.size(1)
                .sort(s -> s.field(f -> f.field(ParticipationFields.SCORED_AT)
                    .order(SortOrder.Desc)))
                .source(src -> src.filter(f -> f.includes(ParticipationFields.ROUND)))))));
    List<String> rounds = new ArrayList<>(challenges.size());
    for (var bucket : r.aggregations().get("challenge").sterms().buckets().array()) {
      for (var hit : bucket.aggregations().get("latest").topHits().hits().hits()) {
        rounds.add(hit.source().to(ObjectNode.class).path(ParticipationFields.ROUND).asText());
      }
    }
    return rounds;
  }

  /**
   * The distinct values of a keyword field among the matching documents, at most {@value
   * #MAX_DISTINCT}: a user is ranked at most once per challenge, and no deployment tracks that many
   * challenges at once.
   */
  private List<String> distinct(List<Index> indices, Query query, String field) {
    SearchResponse<ObjectNode> r = search(indices, b -> b
        .query(query)
        .size(0)
        .aggregations(field, a -> a.terms(t -> t.field(field).size(MAX_DISTINCT))));
    if (r.aggregations().get(field) == null) {
      return List.of();
    }
    return r.aggregations().get(field).sterms().buckets().array().stream()
        .map(bucket -> bucket.key().stringValue()).toList();
  }

  /**
   * Challenges whose representation is nearest to this one's (kNN, cosine), nearest first, the
   * challenge itself left out; {@code similarity} is the cosine similarity. {@code total} is the
   * number of other challenges with a representation.
   */
  public PageResult<ObjectNode> similar(ChallengeKey key, PageRequest page) {
    ObjectNode doc = challengeDocument(key, true).orElseThrow(
        () -> new NotFoundException("no challenge " + key.id()));
    JsonNode vector = doc.get(StageFields.REPRESENTATION);
    if (vector == null || !vector.isArray() || vector.isEmpty()) {
      throw new NotFoundException("challenge " + key.id()
          + " has no representation yet: none of its videos has been enriched with an embedding");
    }
    List<Float> query = new ArrayList<>(vector.size());
    vector.forEach(v -> query.add(v.floatValue()));
    Query others = Query.of(x -> x.bool(bool -> bool
        .filter(f -> f.exists(e -> e.field(StageFields.REPRESENTATION)))
        .mustNot(m -> m.ids(i -> i.values(key.id())))));
    int k = page.from() + page.size();
    SearchResponse<ObjectNode> r = search(List.of(Index.HASHTAGS), b -> b
        .knn(kn -> kn.field(StageFields.REPRESENTATION).queryVector(query).k(k)
            .numCandidates(Math.min(PageRequest.MAX_DEPTH, Math.max(100, 2 * k)))
            .filter(others))
        .source(src -> src.filter(f -> f.excludes(StageFields.REPRESENTATION)))
        .from(page.from())
        .size(page.size()));
    long total = count(List.of(Index.HASHTAGS), others);
    List<ObjectNode> items = new ArrayList<>();
    for (Hit<ObjectNode> hit : r.hits().hits()) {
      ObjectNode item = challengeItem(hit.source());
      // Elasticsearch scores cosine kNN as (1 + cos) / 2; clients want the cosine itself.
      item.put("similarity", hit.score() == null ? null : 2 * hit.score() - 1);
      items.add(item);
    }
    return new PageResult<>(total, items);
  }

  /** One video's document; its embedding only when asked for. */
  public ObjectNode video(String videoId, boolean withEmbedding) {
    SearchResponse<ObjectNode> r = search(List.of(Index.VIDEOS), b -> {
      b.query(x -> x.ids(i -> i.values(videoId))).size(1);
      if (!withEmbedding) {
        b.source(src -> src.filter(f -> f.excludes(VideoFields.EMBEDDING)));
      }
    });
    if (r.hits().hits().isEmpty()) {
      throw new NotFoundException("no video " + videoId);
    }
    return r.hits().hits().get(0).source();
  }

  /** Asks Elasticsearch for its cluster health; never throws for an unreachable server. */
  public Health health() {
    try {
      var h = call(() -> client.cluster().health(), "cluster health");
      return new Health(true, h.status().jsonValue(), h.numberOfNodes() + " node(s)");
    } catch (BackendUnavailableException e) {
      return new Health(false, "unreachable", e.getMessage());
    }
  }

  private Optional<ObjectNode> challengeDocument(ChallengeKey key, boolean withVector) {
    SearchResponse<ObjectNode> r = search(List.of(Index.HASHTAGS), b -> {
      b.query(x -> x.ids(i -> i.values(key.id()))).size(1);
      if (!withVector) {
        b.source(src -> src.filter(f -> f.excludes(StageFields.REPRESENTATION)));
      }
    });
    return r.hits().hits().stream().findFirst().map(Hit::source);
  }

  /** Throws not-found unless the pipeline has written anything about the challenge. */
  private void requireKnown(ChallengeKey key) {
    Query q = Query.of(x -> x.bool(bool -> bool.filter(tagFilters(key))));
    if (count(List.of(Index.HASHTAGS, key.kind().windows(), Index.ALERTS), q) == 0) {
      throw new NotFoundException("no challenge " + key.id() + ": no windows, alerts or stage for it");
    }
  }

  /**
   * The challenge's documents in radar-hashtags, its windows and its alerts: all three name the
   * challenge by the same two fields.
   */
  private static List<Query> tagFilters(ChallengeKey key) {
    return List.of(term(StageFields.KIND, key.kind().wire()), term(StageFields.TAG, key.tag()));
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  private static ObjectNode challengeItem(Hit<ObjectNode> hit) {
    return challengeItem(hit.source());
  }

  /** The document with its key first: {@code challenge = <kind>:<tag>}. */
  private static ObjectNode challengeItem(ObjectNode source) {
    ObjectNode item = NODES.objectNode();
    item.put("challenge",
        source.path(StageFields.KIND).asText() + ":" + source.path(StageFields.TAG).asText());
    item.setAll(source);
    return item;
  }

  private static long total(SearchResponse<?> r) {
    return r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
  }

  private static PageResult<ObjectNode> page(
      SearchResponse<ObjectNode> r, java.util.function.Function<Hit<ObjectNode>, ObjectNode> item) {
    return new PageResult<>(total(r), r.hits().hits().stream().map(item).toList());
  }

  private SearchResponse<ObjectNode> search(
      List<Index> indices, Consumer<SearchRequest.Builder> body) {
    SearchRequest.Builder b = new SearchRequest.Builder()
        .index(Index.names(indices))
        .ignoreUnavailable(true)
        .allowNoIndices(true)
        .trackTotalHits(t -> t.enabled(true));
    body.accept(b);
    SearchRequest request = b.build();
    return call(() -> client.search(request, ObjectNode.class), "search of " + indices);
  }

  private long count(List<Index> indices, Query query) {
    return call(() -> client.count(c -> c.index(Index.names(indices)).ignoreUnavailable(true)
        .allowNoIndices(true).query(query)), "count of " + indices).count();
  }

  /** Elasticsearch's own reasons, which "all shards failed" hides. */
  private static String rootCauses(ElasticsearchException e) {
    StringBuilder b = new StringBuilder();
    if (e.error() != null) {
      e.error().rootCause().forEach(c -> b.append("; ").append(c.type()).append(": ")
          .append(c.reason()));
    }
    return b.toString();
  }

  @FunctionalInterface
  private interface EsCall<T> {
    T run() throws IOException;
  }

  /** Outages become 503s; anything else Elasticsearch refuses is a query bug here: a 500. */
  private <T> T call(EsCall<T> call, String what) {
    try {
      return call.run();
    } catch (ElasticsearchException e) {
      int status = e.status();
      if (status == 429 || status == 502 || status == 503 || status == 504) {
        throw new BackendUnavailableException(
            "Elasticsearch is overloaded or starting (" + status + ")", retryAfter, e);
      }
      throw new IllegalStateException(
          "Elasticsearch refused the " + what + ": " + e.getMessage() + rootCauses(e), e);
    } catch (IOException e) {
      throw new BackendUnavailableException(
          "Elasticsearch cannot be reached: " + e.getMessage(), retryAfter, e);
    }
  }
}
