package io.challengeradar.flink.enrich;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.es.Documents;
import io.challengeradar.flink.model.VideoEmbedding;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.client.ServingClientException;
import io.challengeradar.serving.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Enriches the {@code radar-videos} documents still marked {@code pendingEnrichment=true} in a
 * range of creation times, in batches through the serving tier.
 *
 * <p>Each document is written back whole with <em>its own</em> version and {@code
 * version_type=external_gte}: the version the job gave it does not change, so the job's next
 * write (always a higher version) still lands, and a document the job rewrote since it was read
 * (higher version) is not overwritten: the write is refused and counted as raced. The job's
 * state is not changed: if it still holds the video (it gave up retrying but the video is inside
 * {@code state.ttl}), a later snapshot makes it write the video as pending again, and the next
 * run picks it up again.
 */
public final class Reenricher {

  private static final String INDEX = Index.VIDEOS.indexName();
  private static final String EMBEDDINGS = Index.EMBEDDINGS.indexName();
  public static final int DEFAULT_BATCH = 32;

  /**
   * @param found pending documents found in the range
   * @param enriched written back enriched
   * @param raced refused because the job wrote the document meanwhile
   * @param failed not enriched because the serving tier refused or was unreachable
   * @param stillPending pending documents in the range after the run
   */
  public record Summary(long found, long enriched, long raced, long failed, long stillPending) {}

  private final ElasticsearchClient es;
  private final ServingClient serving;
  private final int batch;

  public Reenricher(ElasticsearchClient es, ServingClient serving, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    }
    this.es = es;
    this.serving = serving;
    this.batch = batch;
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
      Wire.EnrichResponse answer;
      try {
        answer = serving.enrich(hits.stream().map(h -> request(h.source())).toList());
      } catch (ServingClientException e) {
        failed += hits.size();
        progress.advance(hits.size());
        continue;
      }
      Instant at = Instant.now();
      writeEmbeddings(hits, answer, at);
      List<BulkOperation> writes = new ArrayList<>(hits.size());
      for (int i = 0; i < hits.size(); i++) {
        Hit<ObjectNode> h = hits.get(i);
        ObjectNode doc = withAnswer(h.source(), answer, i, at);
        writes.add(BulkOperation.of(b -> b.index(x -> x.index(INDEX).id(h.id()).document(doc)
            .version(h.version()).versionType(VersionType.ExternalGte))));
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

  /**
   * The vectors go to their own index before the videos are marked enriched, so no video reads as
   * enriched without its vector. A vector whose video write then races the job is harmless: it
   * is the same caption's.
   */
  private void writeEmbeddings(List<Hit<ObjectNode>> hits, Wire.EnrichResponse answer, Instant at)
      throws IOException {
    List<BulkOperation> writes = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      VideoEmbedding e = embedding(hits.get(i).source(), answer, i, at);
      writes.add(BulkOperation.of(b -> b.index(x -> x.index(EMBEDDINGS).id(e.id())
          .document(JsonData.fromJson(new String(Documents.json(e), StandardCharsets.UTF_8))))));
    }
    BulkResponse written = es.bulk(b -> b.operations(writes));
    if (written.errors()) {
      BulkResponseItem first = written.items().stream().filter(i -> i.error() != null)
          .findFirst().orElseThrow();
      throw new IOException("Elasticsearch refused an embedding of " + first.id() + ": "
          + first.error().reason());
    }
  }

  /** The video's vector from the serving tier's answer {@code i}. */
  static VideoEmbedding embedding(ObjectNode d, Wire.EnrichResponse answer, int i, Instant at) {
    JsonNode created = d.get(VideoFields.CREATED_AT);
    return new VideoEmbedding(d.get(VideoFields.VIDEO_ID).asText(),
        text(d, VideoFields.AUTHOR_ID, null),
        created == null || created.isNull() ? null : Instant.parse(created.asText()),
        answer.posts().get(i).embedding(), answer.embeddingModel(), at);
  }

  private static Query pending(Instant from, Instant to) {
    return Query.of(q -> q.bool(b -> b
        .filter(f -> f.term(t -> t.field(VideoFields.PENDING_ENRICHMENT).value(true)))
        .filter(f -> f.range(r -> r.untyped(u -> u.field(VideoFields.CREATED_AT)
            .gte(JsonData.of(from.toString())).lt(JsonData.of(to.toString())))))));
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

  /**
   * The document with the serving tier's answer {@code i}, as the job would have written it (the
   * vector goes to its own index, {@link #embedding}).
   */
  static ObjectNode withAnswer(ObjectNode d, Wire.EnrichResponse answer, int i, Instant at) {
    Wire.EnrichedPost e = answer.posts().get(i);
    ObjectNode doc = d.deepCopy();
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
