package io.challengeradar.flink.enrich;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.core.util.Progress;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.client.ServingClientException;
import io.challengeradar.serving.wire.AuthorTrack;
import io.challengeradar.serving.wire.Wire;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Enriches the {@code radar-videos} documents still marked {@code pendingEnrichment=true} in a
 * range of creation times, in batches through the serving tier.
 *
 * <p>Each document is written back whole with its version plus {@link #VERSION_OFFSET} and {@code
 * version_type=external_gte}, so a later write of the job cannot undo it: the job does not learn
 * of the answer (its state still holds the video as pending), and every version it writes is far
 * below the offset, so its later snapshots of the video are refused as superseded. Elasticsearch
 * cannot merge them without a script, and the local distribution has no scripting; the price is
 * that the document keeps the engagement it had when it was re-enriched (the job's own counts,
 * trends and alerts are unaffected). The {@code version} field keeps the job's count of events.
 * A write refused all the same (a document written since with an even higher version: another
 * reenrich run) is counted as raced.
 *
 * <p>Each post goes with its author's history, as the job sends it: the same {@link AuthorTrack}
 * built from the author's videos in {@code radar-videos} posted strictly before the post (the
 * newest {@code enrichment.author-history.max-videos}), each at the latest snapshot its document
 * holds. The track's rule applies as in the job: a video whose snapshot was taken at or after the
 * post's time counts for the posting cadence only, never for views or engagement. The document
 * keeps only a video's latest snapshot, so an earlier video still observed after the post is left
 * out of the view figures here where the job, watching as it happened, used the snapshot it had
 * at the post; re-enriched long after, a post may see less of its author than the job would have.
 *
 * <p>Just over 300 lines: the command's one pass (find, ask, write back) with the two readings of
 * a document it needs, the post and its author's earlier videos.
 */
public final class Reenricher {

  private static final String INDEX = Index.VIDEOS.indexName();
  public static final int DEFAULT_BATCH = 32;

  /**
   * @param found pending documents found in the range
   * @param enriched written back enriched
   * @param raced refused because the document was written meanwhile with a version above the
   *     offset (another reenrich run)
   * @param failed not enriched because the serving tier refused or was unreachable
   * @param stillPending pending documents in the range after the run
   */
  public record Summary(long found, long enriched, long raced, long failed, long stillPending) {}

  /**
   * Added to a re-enriched document's external version: far above any count of events the job
   * can reach, so none of its later writes replaces the answer (they are refused as superseded).
   */
  public static final long VERSION_OFFSET = 1L << 40;

  /** What the author's history needs of each earlier video. */
  private static final List<String> HISTORY_FIELDS = List.of(VideoFields.VIDEO_ID,
      VideoFields.CREATED_AT, VideoFields.OBSERVED_AT, VideoFields.VIEWS, VideoFields.LIKES,
      VideoFields.COMMENTS, VideoFields.SHARES);

  private final ElasticsearchClient es;
  private final ServingClient serving;
  private final int batch;
  private final int historyMaxVideos;

  /** With the job's default author-history bound ({@link AuthorTrack#DEFAULT_MAX_VIDEOS}). */
  public Reenricher(ElasticsearchClient es, ServingClient serving, int batch) {
    this(es, serving, batch, AuthorTrack.DEFAULT_MAX_VIDEOS);
  }

  /**
   * @param historyMaxVideos the author's videos the history is made of, as the job's {@code
   *     enrichment.author-history.max-videos}
   */
  public Reenricher(ElasticsearchClient es, ServingClient serving, int batch,
      int historyMaxVideos) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    }
    if (historyMaxVideos < 1) {
      throw new IllegalArgumentException(
          "historyMaxVideos must be at least 1, was " + historyMaxVideos);
    }
    this.es = es;
    this.serving = serving;
    this.batch = batch;
    this.historyMaxVideos = historyMaxVideos;
  }

  public Summary run(Instant from, Instant to, Progress progress) throws IOException {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
    es.indices().refresh(r -> r.index(INDEX).ignoreUnavailable(true));
    long found = 0;
    long enriched = 0;
    long raced = 0;
    long failed = 0;
    List<FieldValue> after = null;
    while (true) {
      List<FieldValue> cursor = after;
      SearchResponse<ObjectNode> page = es.search(s -> {
        s.index(INDEX).ignoreUnavailable(true).size(batch).version(true)
            .query(pending(from, to)).sort(o -> o.field(f -> f.field(VideoFields.VIDEO_ID).order(SortOrder.Asc)));
        if (cursor != null) {
          s.searchAfter(cursor);
        }
        return s;
      }, ObjectNode.class);
      List<Hit<ObjectNode>> hits = page.hits().hits();
      if (hits.isEmpty()) {
        break;
      }
      found += hits.size();
      after = hits.get(hits.size() - 1).sort();
      List<Wire.AuthorHistory> histories = histories(hits);
      List<Wire.EnrichPost> posts = new ArrayList<>(hits.size());
      for (int i = 0; i < hits.size(); i++) {
        posts.add(request(hits.get(i).source()).withAuthorHistory(histories.get(i)));
      }
      Wire.EnrichResponse answer;
      try {
        answer = serving.enrich(posts);
      } catch (ServingClientException e) {
        failed += hits.size();
        progress.advance(hits.size());
        continue;
      }
      Instant at = Instant.now();
      List<BulkOperation> writes = new ArrayList<>(hits.size());
      for (int i = 0; i < hits.size(); i++) {
        Hit<ObjectNode> h = hits.get(i);
        ObjectNode doc = withAnswer(h.source(), answer, i, at);
        long version = h.version() < VERSION_OFFSET ? h.version() + VERSION_OFFSET : h.version();
        writes.add(BulkOperation.of(b -> b.index(x -> x.index(INDEX).id(h.id()).document(doc)
            .version(version).versionType(VersionType.ExternalGte))));
      }
      BulkResponse written = es.bulk(b -> b.operations(writes));
      for (BulkResponseItem item : written.items()) {
        if (item.error() == null) {
          enriched++;
        } else if (item.status() == 409) {
          raced++;
        } else {
          failed++;
        }
      }
      progress.advance(hits.size());
    }
    es.indices().refresh(r -> r.index(INDEX).ignoreUnavailable(true));
    long stillPending = found == 0 ? 0
        : es.count(c -> c.index(INDEX).ignoreUnavailable(true).query(pending(from, to))).count();
    return new Summary(found, enriched, raced, failed, stillPending);
  }

  private static Query pending(Instant from, Instant to) {
    return Query.of(q -> q.bool(b -> b
        .filter(f -> f.term(t -> t.field(VideoFields.PENDING_ENRICHMENT).value(true)))
        .filter(f -> f.range(r -> r.untyped(u -> u.field(VideoFields.CREATED_AT)
            .gte(JsonData.of(from.toString())).lt(JsonData.of(to.toString())))))));
  }

  /** Each pending post's author history, from one multi-search over the authors' videos. */
  private List<Wire.AuthorHistory> histories(List<Hit<ObjectNode>> pending) throws IOException {
    List<RequestItem> searches = new ArrayList<>();
    List<Integer> searched = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      ObjectNode d = pending.get(i).source();
      String author = text(d, VideoFields.AUTHOR_ID, null);
      if (author != null) {
        searched.add(i);
        searches.add(earlierVideos(author, d.get(VideoFields.CREATED_AT).asText()));
      }
    }
    List<Wire.AuthorHistory> out = new ArrayList<>(
        Collections.nCopies(pending.size(), Wire.AuthorHistory.NONE));
    if (searches.isEmpty()) {
      return out;
    }
    MsearchResponse<ObjectNode> found = es.msearch(m -> m.searches(searches), ObjectNode.class);
    for (int k = 0; k < searched.size(); k++) {
      MultiSearchResponseItem<ObjectNode> item = found.responses().get(k);
      if (item.isFailure()) {
        throw new IOException("cannot read the author's earlier videos: "
            + item.failure().error().reason());
      }
      List<ObjectNode> earlier = item.result().hits().hits().stream().map(Hit::source).toList();
      out.set(searched.get(k),
          history(pending.get(searched.get(k)).source(), earlier, historyMaxVideos));
    }
    return out;
  }

  /** The author's newest {@code historyMaxVideos} videos posted strictly before {@code before}. */
  private RequestItem earlierVideos(String author, String before) {
    return RequestItem.of(r -> r.header(h -> h.index(INDEX).ignoreUnavailable(true))
        .body(b -> b.size(historyMaxVideos)
            .query(q -> q.bool(f -> f
                .filter(t -> t.term(x -> x.field(VideoFields.AUTHOR_ID).value(author)))
                .filter(t -> t.range(x -> x.untyped(u -> u.field(VideoFields.CREATED_AT)
                    .lt(JsonData.of(before)))))))
            .sort(o -> o.field(x -> x.field(VideoFields.CREATED_AT).order(SortOrder.Desc)))
            .sort(o -> o.field(x -> x.field(VideoFields.VIDEO_ID).order(SortOrder.Asc)))
            .source(x -> x.filter(i -> i.includes(HISTORY_FIELDS)))));
  }

  /**
   * The history the job would send with {@code post}: {@code earlier} (the author's video
   * documents) put through an {@link AuthorTrack} as the job's state holds them, each posted at
   * its {@code createdAt} and observed at its latest snapshot, then {@link AuthorTrack#summaryAt}
   * the post's time, which keeps only what was posted and observed before it.
   */
  static Wire.AuthorHistory history(ObjectNode post, List<ObjectNode> earlier, int maxVideos) {
    AuthorTrack track = AuthorTrack.empty();
    for (ObjectNode v : earlier) {
      String id = v.get(VideoFields.VIDEO_ID).asText();
      track = track.posted(id, millis(v, VideoFields.CREATED_AT), maxVideos);
      String observedAt = text(v, VideoFields.OBSERVED_AT, null);
      if (observedAt != null) {
        long interactions = orZero(v, VideoFields.LIKES) + orZero(v, VideoFields.COMMENTS)
            + orZero(v, VideoFields.SHARES);
        track = track.observed(id, Instant.parse(observedAt).toEpochMilli(),
            orZero(v, VideoFields.VIEWS), interactions);
      }
    }
    return track.summaryAt(post.get(VideoFields.VIDEO_ID).asText(),
        millis(post, VideoFields.CREATED_AT));
  }

  private static long millis(JsonNode d, String field) {
    return Instant.parse(d.get(field).asText()).toEpochMilli();
  }

  private static long orZero(JsonNode d, String field) {
    Long v = number(d, field);
    return v == null ? 0 : v;
  }

  static Wire.EnrichPost request(ObjectNode d) {
    List<String> tags = new ArrayList<>();
    if (d.get(VideoFields.HASHTAGS) instanceof ArrayNode a) {
      a.forEach(t -> tags.add(t.asText()));
    }
    return Wire.EnrichPost.atPost(d.get(VideoFields.VIDEO_ID).asText(),
        text(d, VideoFields.CAPTION, ""), tags,
        text(d, VideoFields.MUSIC_ID, null), number(d, VideoFields.DURATION_SEC) == null ? null
            : number(d, VideoFields.DURATION_SEC).intValue(),
        number(d, VideoFields.FOLLOWER_COUNT), d.get(VideoFields.CREATED_AT).asText());
  }

  /** The document with the serving tier's answer {@code i}, as the job would have written it. */
  static ObjectNode withAnswer(ObjectNode d, Wire.EnrichResponse answer, int i, Instant at) {
    Wire.EnrichedPost e = answer.posts().get(i);
    ObjectNode doc = d.deepCopy();
    ArrayNode vector = doc.putArray(VideoFields.EMBEDDING);
    for (float x : e.embedding()) {
      vector.add(x);
    }
    doc.put(VideoFields.EMBEDDING_MODEL, answer.embeddingModel());
    doc.put(VideoFields.PENDING_ENRICHMENT, false);
    doc.put(VideoFields.ENRICHED_AT, at.toString());
    if (e.virality() != null) {
      doc.put(VideoFields.VIRALITY_AT_POST, e.virality().doubleValue());
      // No views are folded in here: the job moves virality with the next snapshot it sees.
      doc.put(VideoFields.VIRALITY, e.virality().doubleValue());
      doc.put(VideoFields.VIRALITY_MODEL, answer.viralityModel());
      doc.put(VideoFields.VIRALITY_HEAD, e.viralityHead());
    }
    if (e.claimProbability() != null) {
      doc.put(VideoFields.CLAIM_PROBABILITY, e.claimProbability().doubleValue());
      doc.put(VideoFields.CLAIMS_MODEL, answer.claimsModel());
    }
    return doc;
  }

  private static String text(JsonNode d, String field, String fallback) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static Long number(JsonNode d, String field) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? null : v.asLong();
  }
}
