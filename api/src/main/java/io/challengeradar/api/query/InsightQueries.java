package io.challengeradar.api.query;

import static io.challengeradar.api.query.EsSearches.page;
import static io.challengeradar.api.query.EsSearches.term;
import static io.challengeradar.api.query.EsSearches.total;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.LongTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.AlertFields;
import io.challengeradar.contract.DeadLetterFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.StageFields;
import io.challengeradar.contract.TagKind;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.contract.WindowFields;
import io.challengeradar.core.event.Hashtags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The questions the explorer page asks beyond the product API's: a challenge's curve against its
 * baseline with its alerts, the hashtags and sounds that travel with it, its top videos, a search
 * by tag prefix, and the pipeline's health as the indices show it. Over radar-hashtags, the window
 * indices, the alerts, radar-videos and radar-deadletter.
 */
final class InsightQueries {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Alerts shown on one curve at most; a challenge passes four stages per cycle. */
  static final int MAX_CURVE_ALERTS = 100;
  /** Dead-letter reasons listed at most; the pipeline has a handful. */
  static final int MAX_REASONS = 50;

  private final EsSearches es;
  private final ChallengeQueries challenges;

  InsightQueries(EsSearches es, ChallengeQueries challenges) {
    this.es = es;
    this.challenges = challenges;
  }

  /**
   * The challenge's newest {@code points} windows, oldest first, each with its {@code share}: its
   * new participants over those of every challenge of its kind in the same window (null when the
   * window had none). Baseline and surge are the window's own fields where the detector wrote
   * them. Then the alerts of the challenge in the curve's span (all of them when it has no window
   * yet), oldest first, as stored: their evidence is whatever the detector put in them.
   */
  ObjectNode curve(ChallengeKey key, int points) {
    Index windows = key.kind().windows();
    SearchResponse<ObjectNode> w = es.search(List.of(windows), b -> b
        .query(x -> x.bool(bool -> bool.filter(tagFilters(key))))
        .sort(s -> s.field(f -> f.field(WindowFields.WINDOW_END).order(SortOrder.Desc)))
        .size(points));
    List<ObjectNode> newestFirst = w.hits().hits().stream().map(Hit::source).toList();
    SearchResponse<ObjectNode> alerts = es.search(List.of(Index.ALERTS), b -> b
        .query(x -> x.bool(bool -> bool.filter(tagFilters(key))))
        .sort(s -> s.field(f -> f.field(AlertFields.DETECTED_AT).order(SortOrder.Asc)))
        .size(MAX_CURVE_ALERTS));
    if (newestFirst.isEmpty() && total(alerts) == 0) {
      challenges.requireKnown(key);
    }
    Map<Long, Double> allNew = newestFirst.isEmpty() ? Map.of()
        : newParticipantsPerWindow(key.kind(), instant(newestFirst.get(newestFirst.size() - 1),
            WindowFields.WINDOW_END), instant(newestFirst.get(0), WindowFields.WINDOW_END), points);
    ObjectNode body = NODES.objectNode();
    body.put("challenge", key.id());
    body.put("kind", key.kind().wire());
    body.put("tag", key.tag());
    body.put("windows", total(w));
    ArrayNode out = body.putArray("points");
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      ObjectNode window = newestFirst.get(i);
      ObjectNode point = NODES.objectNode();
      point.set("at", window.get(WindowFields.WINDOW_END));
      point.setAll(window);
      Double all = allNew.get(instant(window, WindowFields.WINDOW_END).toEpochMilli());
      long mine = window.path(WindowFields.NEW_PARTICIPANTS).asLong();
      if (all != null && all > 0) {
        point.put("share", mine / all);
      } else {
        point.putNull("share");
      }
      out.add(point);
    }
    ArrayNode marks = body.putArray("alerts");
    alerts.hits().hits().forEach(h -> marks.add(h.source()));
    return body;
  }

  /** The sum of new participants over every challenge of {@code kind}, per window end. */
  private Map<Long, Double> newParticipantsPerWindow(
      TagKind kind, Instant first, Instant last, int points) {
    SearchResponse<ObjectNode> r = es.search(List.of(kind.windows()), b -> b
        .size(0)
        .query(x -> x.range(g -> g.date(d -> d.field(WindowFields.WINDOW_END)
            .gte(first.toString()).lte(last.toString()))))
        .aggregations("perWindow", a -> a
            .terms(t -> t.field(WindowFields.WINDOW_END).size(points))
            .aggregations("newParticipants",
                s -> s.sum(m -> m.field(WindowFields.NEW_PARTICIPANTS)))));
    Map<Long, Double> out = new HashMap<>();
    Aggregate agg = r.aggregations().get("perWindow");
    if (agg != null && agg.isLterms()) {
      for (LongTermsBucket bucket : agg.lterms().buckets().array()) {
        out.put(bucket.key(), bucket.aggregations().get("newParticipants").sum().value());
      }
    }
    return out;
  }

  /**
   * The hashtags and sounds that appear on the challenge's videos, by how many videos they share
   * with it, the challenge itself left out. {@code videos} is how many videos the challenge has.
   */
  ObjectNode related(ChallengeKey key, int size) {
    SearchResponse<ObjectNode> r = es.search(List.of(Index.VIDEOS), b -> b
        .size(0)
        .query(videosOf(key))
        .aggregations("hashtags", a -> a.terms(t -> t.field(VideoFields.HASHTAGS).size(size + 1)))
        .aggregations("sounds", a -> a.terms(t -> t.field(VideoFields.MUSIC_ID).size(size + 1))));
    long videos = total(r);
    if (videos == 0) {
      challenges.requireKnown(key);
    }
    ObjectNode body = NODES.objectNode();
    body.put("challenge", key.id());
    body.put("videos", videos);
    body.set("hashtags", coOccurring(r.aggregations().get("hashtags"), TagKind.HASHTAG, key, size));
    body.set("sounds", coOccurring(r.aggregations().get("sounds"), TagKind.SOUND, key, size));
    return body;
  }

  private static ArrayNode coOccurring(Aggregate agg, TagKind kind, ChallengeKey self, int size) {
    ArrayNode out = NODES.arrayNode();
    if (agg == null || !agg.isSterms()) {
      return out;
    }
    for (StringTermsBucket bucket : agg.sterms().buckets().array()) {
      String tag = bucket.key().stringValue();
      if (out.size() == size || kind == self.kind() && tag.equals(self.tag())) {
        continue;
      }
      out.addObject()
          .put("challenge", kind.wire() + ":" + tag)
          .put("kind", kind.wire())
          .put("tag", tag)
          .put("videos", bucket.docCount());
    }
    return out;
  }

  /**
   * The challenge's videos by {@code sort} descending, missing values last (their embeddings are
   * in their own index).
   */
  PageResult<ObjectNode> videos(ChallengeKey key, RadarQueries.VideoSort sort, PageRequest page) {
    SearchResponse<ObjectNode> r = es.search(List.of(Index.VIDEOS), b -> b
        .query(videosOf(key))
        .sort(s -> s.field(f -> f.field(sort.field()).order(SortOrder.Desc).missing("_last")))
        .sort(s -> s.field(f -> f.field(VideoFields.VIDEO_ID).order(SortOrder.Asc)))
        .from(page.from())
        .size(page.size()));
    if (total(r) == 0) {
      challenges.requireKnown(key);
    }
    return page(r, Hit::source);
  }

  /** Videos that carry the hashtag, or use the sound. */
  private static Query videosOf(ChallengeKey key) {
    return term(key.kind() == TagKind.HASHTAG ? VideoFields.HASHTAGS : VideoFields.MUSIC_ID,
        key.tag());
  }

  /**
   * Challenges that have reached a stage whose tag starts with {@code prefix} (hashtags
   * normalised as the pipeline does), by participants, then kind and tag.
   */
  PageResult<ObjectNode> search(String prefix, TagKind kind, PageRequest page) {
    String hashtag = Hashtags.normalise(prefix);
    String raw = prefix.strip();
    List<Query> either = new ArrayList<>();
    if (kind != TagKind.SOUND && !hashtag.isEmpty()) {
      either.add(Query.of(q -> q.bool(b -> b.filter(term(StageFields.KIND, TagKind.HASHTAG.wire()))
          .filter(f -> f.prefix(p -> p.field(StageFields.TAG).value(hashtag))))));
    }
    if (kind != TagKind.HASHTAG && !raw.isEmpty()) {
      either.add(Query.of(q -> q.bool(b -> b.filter(term(StageFields.KIND, TagKind.SOUND.wire()))
          .filter(f -> f.prefix(p -> p.field(StageFields.TAG).value(raw))))));
    }
    if (either.isEmpty()) {
      return new PageResult<>(0, List.of());
    }
    SearchResponse<ObjectNode> r = es.search(List.of(Index.HASHTAGS), b -> b
        .query(x -> x.bool(bool -> bool.should(either).minimumShouldMatch("1")))
        .sort(s -> s.field(f -> f.field(StageFields.CUMULATIVE_PARTICIPANTS)
            .order(SortOrder.Desc).missing("_last")))
        .sort(s -> s.field(f -> f.field(StageFields.KIND).order(SortOrder.Asc)))
        .sort(s -> s.field(f -> f.field(StageFields.TAG).order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.excludes(StageFields.REPRESENTATION)))
        .from(page.from())
        .size(page.size()));
    return page(r, h -> ChallengeQueries.challengeItem(h.source()));
  }

  /**
   * What the pipeline has done so far, counted from what Elasticsearch holds: the events applied
   * to videos (one post per video plus the snapshots applied to it, as the demo's summary counts
   * them), dead letters by reason, videos waiting for enrichment, and the newest window's end
   * (how far event time has come).
   */
  ObjectNode pipeline() {
    SearchResponse<ObjectNode> videos = es.search(List.of(Index.VIDEOS), b -> b
        .size(0)
        .aggregations("snapshots", a -> a.sum(s -> s.field(VideoFields.SNAPSHOTS)))
        .aggregations("pending", a -> a.filter(f -> f.term(t -> t
            .field(VideoFields.PENDING_ENRICHMENT).value(true))))
        .aggregations("enriched", a -> a.filter(f -> f.term(t -> t
            .field(VideoFields.PENDING_ENRICHMENT).value(false)))));
    long videoCount = total(videos);
    SearchResponse<ObjectNode> dead = es.search(List.of(Index.DEADLETTER), b -> b
        .size(0)
        .aggregations("reasons", a -> a.terms(t -> t.field(DeadLetterFields.REASON)
            .size(MAX_REASONS))));
    SearchResponse<ObjectNode> newest = es.search(
        List.of(Index.HASHTAG_WINDOWS, Index.SOUND_WINDOWS), b -> b
            .sort(s -> s.field(f -> f.field(WindowFields.WINDOW_END).order(SortOrder.Desc)))
            .source(src -> src.filter(f -> f.includes(WindowFields.WINDOW_END)))
            .size(1));
    ObjectNode body = NODES.objectNode();
    body.put("eventsApplied", videoCount + Math.round(sum(videos.aggregations().get("snapshots"))));
    body.put("videos", videoCount);
    body.put("pendingEnrichment", filtered(videos.aggregations().get("pending")));
    body.put("enrichedVideos", filtered(videos.aggregations().get("enriched")));
    body.put("deadLetters", total(dead));
    ArrayNode reasons = body.putArray("deadLettersByReason");
    Aggregate byReason = dead.aggregations().get("reasons");
    if (byReason != null && byReason.isSterms()) {
      byReason.sterms().buckets().array().forEach(bucket -> reasons.addObject()
          .put("reason", bucket.key().stringValue()).put("count", bucket.docCount()));
    }
    body.put("windows", total(es.search(List.of(Index.HASHTAG_WINDOWS, Index.SOUND_WINDOWS),
        b -> b.size(0))));
    body.put("alerts", es.count(List.of(Index.ALERTS), Query.of(q -> q.matchAll(m -> m))));
    body.put("challenges", es.count(List.of(Index.HASHTAGS), Query.of(q -> q.matchAll(m -> m))));
    JsonNode latest = newest.hits().hits().isEmpty() ? null
        : newest.hits().hits().get(0).source().get(WindowFields.WINDOW_END);
    body.set("latestWindowEnd", latest == null ? NODES.nullNode() : latest);
    return body;
  }

  private static double sum(Aggregate agg) {
    return agg != null && agg.isSum() ? agg.sum().value() : 0;
  }

  private static long filtered(Aggregate agg) {
    return agg != null && agg.isFilter() ? agg.filter().docCount() : 0;
  }

  private static List<Query> tagFilters(ChallengeKey key) {
    return List.of(term(StageFields.KIND, key.kind().wire()), term(StageFields.TAG, key.tag()));
  }

  private static Instant instant(ObjectNode source, String field) {
    JsonNode v = source.path(field);
    return v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : Instant.parse(v.asText());
  }
}
