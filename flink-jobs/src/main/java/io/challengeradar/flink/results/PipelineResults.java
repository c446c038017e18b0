package io.challengeradar.flink.results;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.flink.es.Documents;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.model.TagKind;
import io.challengeradar.flink.model.VideoDocument;
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
 *     document}): not input records, counted apart
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
  public static final List<String> INDICES = List.of(VideoDocument.INDEX,
      TagKind.HASHTAG.windowIndex(), TagKind.SOUND.windowIndex(), ChallengeAlert.INDEX,
      HashtagStage.INDEX, Documents.DEADLETTER_INDEX, ParticipationPrediction.INDEX);

  /**
   * What the serving tier added, read back from Elasticsearch.
   *
   * @param enrichedVideos videos whose document carries an embedding
   * @param pendingEnrichment videos still waiting for the serving tier
   * @param participationPredictions documents in radar-participation (every round's)
   */
  public record Enrichments(long enrichedVideos, long pendingEnrichment,
      long participationPredictions) {}

  /** Counts the enriched and pending videos and the participation predictions. */
  public static Enrichments enrichments(ElasticsearchClient client) throws IOException {
    client.indices().refresh(r -> r.index(INDICES).ignoreUnavailable(true));
    if (!exists(client, VideoDocument.INDEX)) {
      return new Enrichments(0, 0, count(client, ParticipationPrediction.INDEX));
    }
    long enriched = client.count(c -> c.index(VideoDocument.INDEX)
        .query(q -> q.exists(e -> e.field("embedding")))).count();
    long pending = client.count(c -> c.index(VideoDocument.INDEX)
        .query(q -> q.term(t -> t.field("pendingEnrichment").value(true)))).count();
    return new Enrichments(enriched, pending, count(client, ParticipationPrediction.INDEX));
  }

  /** One alert as the summary shows it. */
  public record Alert(String kind, String tag, String stage, Instant detectedAt) {}

  /** Records of the input accounted for so far: cheap enough to poll for progress. */
  public static long inputAccountedFor(ElasticsearchClient client) throws IOException {
    return eventsApplied(client) + inputDeadLetters(client);
  }

  /** Refreshes the pipeline's indices and reads everything back. */
  public static PipelineResults read(ElasticsearchClient client) throws IOException {
    client.indices().refresh(r -> r.index(INDICES).ignoreUnavailable(true));
    long allDeadLetters = count(client, Documents.DEADLETTER_INDEX);
    long input = inputDeadLetters(client);
    return new PipelineResults(eventsApplied(client), input, allDeadLetters - input,
        count(client, VideoDocument.INDEX), count(client, TagKind.HASHTAG.windowIndex()),
        count(client, TagKind.SOUND.windowIndex()), count(client, HashtagStage.INDEX),
        count(client, ChallengeAlert.INDEX), alerts(client));
  }

  /** Every alert whose tag is a hashtag. */
  public List<String> alertedHashtags() {
    return alerts.stream().filter(a -> TagKind.HASHTAG.wire().equals(a.kind()))
        .map(Alert::tag).distinct().toList();
  }

  private static long eventsApplied(ElasticsearchClient client) throws IOException {
    if (!exists(client, VideoDocument.INDEX)) {
      return 0;
    }
    // Each video is one post plus the snapshots applied to it. The version is no count of input
    // events: the serving tier's answer raises it too, and radar reenrich writes without raising it.
    SearchResponse<Void> r = client.search(s -> s.index(VideoDocument.INDEX).size(0)
        .trackTotalHits(t -> t.enabled(true))
        .aggregations("snapshots", a -> a.sum(f -> f.field("snapshots"))), Void.class);
    return r.hits().total().value() + Math.round(r.aggregations().get("snapshots").sum().value());
  }

  private static long inputDeadLetters(ElasticsearchClient client) throws IOException {
    if (!exists(client, Documents.DEADLETTER_INDEX)) {
      return 0;
    }
    return client.count(c -> c.index(Documents.DEADLETTER_INDEX)
        .query(q -> q.bool(b -> b.mustNot(m -> m.term(t -> t.field("origin.kind")
            .value(Origin.DOCUMENT)))))).count();
  }

  private static long count(ElasticsearchClient client, String index) throws IOException {
    return exists(client, index) ? client.count(c -> c.index(index)).count() : 0;
  }

  private static boolean exists(ElasticsearchClient client, String index) throws IOException {
    return client.indices().exists(e -> e.index(index)).value();
  }

  private static List<Alert> alerts(ElasticsearchClient client) throws IOException {
    List<Alert> alerts = new ArrayList<>();
    if (!exists(client, ChallengeAlert.INDEX)) {
      return alerts;
    }
    SearchResponse<JsonNode> r = client.search(s -> s.index(ChallengeAlert.INDEX)
        .size(MAX_ALERTS_READ)
        .source(src -> src.filter(f -> f.includes("kind", "tag", "stage", "detectedAt")))
        .sort(o -> o.field(f -> f.field("detectedAt")))
        .sort(o -> o.field(f -> f.field("id"))), JsonNode.class);
    for (Hit<JsonNode> h : r.hits().hits()) {
      JsonNode d = h.source();
      alerts.add(new Alert(d.path("kind").asText(), d.path("tag").asText(),
          d.path("stage").asText(), Instant.parse(d.path("detectedAt").asText())));
    }
    return alerts;
  }
}
