package io.challengeradar.api.query;

import static io.challengeradar.api.query.EsSearches.page;
import static io.challengeradar.api.query.EsSearches.term;
import static io.challengeradar.api.query.EsSearches.total;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.api.NotFoundException;
import io.challengeradar.contract.AlertFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.StageFields;
import io.challengeradar.contract.WindowFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The questions about challenges: which are at a stage, one challenge, its timeline of windows
 * and alerts, and the challenges nearest to it. Over radar-hashtags, the window indices and the
 * alerts index.
 */
final class ChallengeQueries {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final EsSearches es;

  ChallengeQueries(EsSearches es) {
    this.es = es;
  }

  /** Challenges by their current stage: radar-hashtags. */
  PageResult<ObjectNode> emerging(EmergingQuery q) {
    List<Query> filters = new ArrayList<>();
    List<FieldValue> stages = q.stages().stream().map(s -> FieldValue.of(s.name())).toList();
    filters.add(Query.of(f -> f.terms(t -> t.field(StageFields.STAGE)
        .terms(v -> v.value(stages)))));
    q.kindFilter().ifPresent(k -> filters.add(term(StageFields.KIND, k.wire())));
    q.sinceFilter().ifPresent(s -> filters.add(Query.of(f -> f.range(r -> r.date(d -> d
        .field(StageFields.SINCE).gte(s.toString()))))));
    SearchResponse<ObjectNode> r = es.search(List.of(Index.HASHTAGS), b -> b
        .query(x -> x.bool(bool -> bool.filter(filters)))
        .sort(s -> s.field(f -> f.field(q.sort().field()).order(SortOrder.Desc).missing("_last")))
        .sort(s -> s.field(f -> f.field(StageFields.KIND).order(SortOrder.Asc)))
        .sort(s -> s.field(f -> f.field(StageFields.TAG).order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.excludes(StageFields.REPRESENTATION)))
        .from(q.page().from())
        .size(q.page().size()));
    return page(r, ChallengeQueries::challengeItem);
  }

  /** The challenge's radar-hashtags document (its current stage), without the vector. */
  ObjectNode challenge(ChallengeKey key) {
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
  PageResult<ObjectNode> timeline(
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
    return es.search(List.of(index), b -> b
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
   * Challenges whose representation is nearest to this one's (kNN, cosine), nearest first, the
   * challenge itself left out; {@code similarity} is the cosine similarity. {@code total} is the
   * number of other challenges with a representation.
   */
  PageResult<ObjectNode> similar(ChallengeKey key, PageRequest page) {
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
    SearchResponse<ObjectNode> r = es.search(List.of(Index.HASHTAGS), b -> b
        .knn(kn -> kn.field(StageFields.REPRESENTATION).queryVector(query).k(k)
            .numCandidates(Math.min(PageRequest.MAX_DEPTH, Math.max(100, 2 * k)))
            .filter(others))
        .source(src -> src.filter(f -> f.excludes(StageFields.REPRESENTATION)))
        .from(page.from())
        .size(page.size()));
    long total = es.count(List.of(Index.HASHTAGS), others);
    List<ObjectNode> items = new ArrayList<>();
    for (Hit<ObjectNode> hit : r.hits().hits()) {
      ObjectNode item = challengeItem(hit.source());
      // Elasticsearch scores cosine kNN as (1 + cos) / 2; clients want the cosine itself.
      item.put("similarity", hit.score() == null ? null : 2 * hit.score() - 1);
      items.add(item);
    }
    return new PageResult<>(total, items);
  }

  private Optional<ObjectNode> challengeDocument(ChallengeKey key, boolean withVector) {
    SearchResponse<ObjectNode> r = es.search(List.of(Index.HASHTAGS), b -> {
      b.query(x -> x.ids(i -> i.values(key.id()))).size(1);
      if (!withVector) {
        b.source(src -> src.filter(f -> f.excludes(StageFields.REPRESENTATION)));
      }
    });
    return r.hits().hits().stream().findFirst().map(Hit::source);
  }

  /** Throws not-found unless the pipeline has written anything about the challenge. */
  void requireKnown(ChallengeKey key) {
    Query q = Query.of(x -> x.bool(bool -> bool.filter(tagFilters(key))));
    if (es.count(List.of(Index.HASHTAGS, key.kind().windows(), Index.ALERTS), q) == 0) {
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

  private static ObjectNode challengeItem(Hit<ObjectNode> hit) {
    return challengeItem(hit.source());
  }

  /** The document with its key first: {@code challenge = <kind>:<tag>}. */
  static ObjectNode challengeItem(ObjectNode source) {
    ObjectNode item = NODES.objectNode();
    item.put("challenge",
        source.path(StageFields.KIND).asText() + ":" + source.path(StageFields.TAG).asText());
    item.setAll(source);
    return item;
  }
}
