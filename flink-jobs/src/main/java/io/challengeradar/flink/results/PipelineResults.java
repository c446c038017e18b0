package io.challengeradar.flink.results;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.contract.AlertFields;
import io.challengeradar.contract.DeadLetterFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.TagKind;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline left in Elasticsearch, read back so that its counts are checked against what
 * Elasticsearch holds rather than against the job's own counters.
 *
 * @param eventsApplied posts and snapshots applied to videos: one per video plus the sum of every
 *     video's {@code snapshots}
 * @param deadLettered dead letters of input records (parse, watermark, join stages)
 * @param documentsRefused dead letters of documents Elasticsearch refused (origin kind {@code
 *     document}), and of trend-window shares: not input records, counted apart (enrichment
 *     give-ups are in {@link Enrichments})
 * @param alertCount alerts in Elasticsearch
 * @param alerts the alerts, oldest detection first (at most {@link #MAX_ALERTS_READ})
 */
public record PipelineResults(
    long eventsApplied,
    long deadLettered,
    long documentsRefused,
    long videos,
    long hashtagWindows,
    long soundWindows,
    long hashtags,
    long alertCount,
    List<Alert> alerts) {

  /** Alerts read back; more than this and the table is cut (the count stays exact). */
  public static final int MAX_ALERTS_READ = 10_000;

  /** Every index the pipeline writes. */
  public static final List<String> INDICES = Index.names(Index.written());

  /**
   * What the serving tier added, read back from Elasticsearch.
   *
   * @param enrichedVideos videos whose document carries an embedding
   * @param pendingEnrichment videos still waiting for the serving tier
   * @param participationPredictions documents in radar-participation (every round's)
   * @param gaveUp dead letters of posts the job gave up enriching (stage enrichment); their
   *     videos were applied all the same, so they are no input records
   */
  public record Enrichments(long enrichedVideos, long pendingEnrichment,
      long participationPredictions, long gaveUp) {}

  /** Counts the enriched and pending videos and the participation predictions. */
  public static Enrichments enrichments(ElasticsearchClient client) throws IOException {
    client.indices().refresh(r -> r.index(INDICES).ignoreUnavailable(true));
    if (!exists(client, Index.VIDEOS.indexName())) {
      return new Enrichments(0, 0, count(client, Index.PARTICIPATION.indexName()),
          enrichmentGiveUps(client));
    }
    long enriched = client.count(c -> c.index(Index.VIDEOS.indexName())
        .query(q -> q.exists(e -> e.field(VideoFields.EMBEDDING)))).count();
    long pending = client.count(c -> c.index(Index.VIDEOS.indexName())
        .query(q -> q.term(t -> t.field(VideoFields.PENDING_ENRICHMENT).value(true)))).count();
    return new Enrichments(enriched, pending, count(client, Index.PARTICIPATION.indexName()),
        enrichmentGiveUps(client));
  }

  /**
   * One alert as the summary shows it, with its evidence.
   *
   * @param cycle the tag's lifecycle cycle
   * @param score the score of the last matched window
   * @param share the tag's share of that window's volume
   * @param baselineShare the share it was expected to have
   * @param distinctAuthors authors new to the tag over the matched windows
   */
  public record Alert(String kind, String tag, String stage, Instant detectedAt, int cycle,
      double score, double share, double baselineShare, long distinctAuthors) {}

  /** Records of the input accounted for so far: cheap enough to poll for progress. */
  public static long inputAccountedFor(ElasticsearchClient client) throws IOException {
    return eventsApplied(client) + inputDeadLetters(client);
  }

  /** Refreshes the pipeline's indices and reads everything back. */
  public static PipelineResults read(ElasticsearchClient client) throws IOException {
    client.indices().refresh(r -> r.index(INDICES).ignoreUnavailable(true));
    long allDeadLetters = count(client, Index.DEADLETTER.indexName());
    long input = inputDeadLetters(client);
    return new PipelineResults(eventsApplied(client), input,
        allDeadLetters - input - enrichmentGiveUps(client),
        count(client, Index.VIDEOS.indexName()), count(client, TagKind.HASHTAG.windowIndex()),
        count(client, TagKind.SOUND.windowIndex()), count(client, Index.HASHTAGS.indexName()),
        count(client, Index.ALERTS.indexName()), alerts(client));
  }

  /** Every alert whose tag is a hashtag. */
  public List<String> alertedHashtags() {
    return alerts.stream().filter(a -> TagKind.HASHTAG.wire().equals(a.kind()))
        .map(Alert::tag).distinct().toList();
  }

  private static long eventsApplied(ElasticsearchClient client) throws IOException {
    if (!exists(client, Index.VIDEOS.indexName())) {
      return 0;
    }
    // Each video is one post plus the snapshots applied to it. The version is no count of input
    // events: the serving tier's answer raises it too, and radar reenrich writes without raising it.
    SearchResponse<Void> r = client.search(s -> s.index(Index.VIDEOS.indexName()).size(0)
        .trackTotalHits(t -> t.enabled(true))
        .aggregations("snapshots", a -> a.sum(f -> f.field(VideoFields.SNAPSHOTS))), Void.class);
    return r.hits().total().value() + Math.round(r.aggregations().get("snapshots").sum().value());
  }

  private static long inputDeadLetters(ElasticsearchClient client) throws IOException {
    if (!exists(client, Index.DEADLETTER.indexName())) {
      return 0;
    }
    // Not documents Elasticsearch refused, nor what refers to an event applied all the same: a
    // trend window's share (origin kind document too), an enrichment give-up.
    return client.count(c -> c.index(Index.DEADLETTER.indexName())
        .query(q -> q.bool(b -> b
            .mustNot(m -> m.term(t -> t.field(DeadLetterFields.origin(DeadLetterFields.Origin.KIND))
                .value(Origin.DOCUMENT)))
            .mustNot(m -> m.term(t -> t.field(DeadLetterFields.STAGE)
                .value(DeadLetter.STAGE_ENRICHMENT)))))).count();
  }

  private static long enrichmentGiveUps(ElasticsearchClient client) throws IOException {
    if (!exists(client, Index.DEADLETTER.indexName())) {
      return 0;
    }
    return client.count(c -> c.index(Index.DEADLETTER.indexName())
        .query(q -> q.term(t -> t.field(DeadLetterFields.STAGE)
            .value(DeadLetter.STAGE_ENRICHMENT)))).count();
  }

  private static long count(ElasticsearchClient client, String index) throws IOException {
    return exists(client, index) ? client.count(c -> c.index(index)).count() : 0;
  }

  private static boolean exists(ElasticsearchClient client, String index) throws IOException {
    return client.indices().exists(e -> e.index(index)).value();
  }

  private static List<Alert> alerts(ElasticsearchClient client) throws IOException {
    List<Alert> alerts = new ArrayList<>();
    if (!exists(client, Index.ALERTS.indexName())) {
      return alerts;
    }
    SearchResponse<JsonNode> r = client.search(s -> s.index(Index.ALERTS.indexName())
        .size(MAX_ALERTS_READ)
        .source(src -> src.filter(f -> f.includes(
            AlertFields.KIND, AlertFields.TAG, AlertFields.STAGE, AlertFields.DETECTED_AT,
            AlertFields.CYCLE, AlertFields.SCORE, AlertFields.SHARE, AlertFields.BASELINE_SHARE,
            AlertFields.DISTINCT_AUTHORS)))
        .sort(o -> o.field(f -> f.field(AlertFields.DETECTED_AT)))
        .sort(o -> o.field(f -> f.field(AlertFields.ID))), JsonNode.class);
    for (Hit<JsonNode> h : r.hits().hits()) {
      JsonNode d = h.source();
      alerts.add(new Alert(d.path(AlertFields.KIND).asText(), d.path(AlertFields.TAG).asText(),
          d.path(AlertFields.STAGE).asText(),
          Instant.parse(d.path(AlertFields.DETECTED_AT).asText()), d.path(AlertFields.CYCLE).asInt(),
          d.path(AlertFields.SCORE).asDouble(), d.path(AlertFields.SHARE).asDouble(),
          d.path(AlertFields.BASELINE_SHARE).asDouble(),
          d.path(AlertFields.DISTINCT_AUTHORS).asLong()));
    }
    return alerts;
  }
}
