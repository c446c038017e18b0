package io.challengeradar.api.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.api.BackendUnavailableException;
import io.challengeradar.api.NotFoundException;
import io.challengeradar.contract.EmbeddingFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.TagKind;
import io.challengeradar.contract.VideoFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The query engine: every question the API answers, as Elasticsearch searches over the indices
 * the pipeline writes, grouped by resource ({@link ChallengeQueries}, {@link
 * ParticipationQueries}; videos and health here) over one {@link EsSearches}. The HTTP layer
 * calls only this facade. Knows nothing of HTTP; answers are the stored documents (as JSON trees,
 * large vectors left out) plus the keys a client needs to follow up.
 *
 * <p>Every search ignores indices that do not exist yet, so a fresh platform answers with empty
 * lists rather than errors. Elasticsearch being unreachable or overloaded becomes {@link
 * BackendUnavailableException}; anything else it refuses is a bug in a query here and fails loudly.
 */
public final class RadarQueries {

  private final EsSearches es;
  private final ChallengeQueries challenges;
  private final ParticipationQueries participation;
  private final InsightQueries insights;

  /**
   * @param retryAfter what to tell clients when Elasticsearch cannot be reached
   */
  public RadarQueries(ElasticsearchClient client, Duration retryAfter) {
    this.es = new EsSearches(client, retryAfter);
    this.challenges = new ChallengeQueries(es);
    this.participation = new ParticipationQueries(es, challenges);
    this.insights = new InsightQueries(es, challenges);
  }

  /** The latest scoring round of a challenge and one page of its ranked participants. */
  public record Participants(
      ChallengeKey challenge, Optional<ObjectNode> round, PageResult<ObjectNode> page) {}

  /** Whether Elasticsearch answered, its cluster status when it did, and when it was asked. */
  public record Health(boolean reachable, String status, String detail, Instant checkedAt) {}

  /** How a challenge's videos are ordered, always descending. */
  public enum VideoSort {
    VIEWS(VideoFields.VIEWS),
    VIRALITY(VideoFields.VIRALITY),
    RECENT(VideoFields.CREATED_AT);

    private final String field;

    VideoSort(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Challenges by their current stage: radar-hashtags. */
  public PageResult<ObjectNode> emerging(EmergingQuery q) {
    return challenges.emerging(q);
  }

  /** The challenge's radar-hashtags document (its current stage), without the vector. */
  public ObjectNode challenge(ChallengeKey key) {
    return challenges.challenge(key);
  }

  /** See {@link ChallengeQueries#timeline}. */
  public PageResult<ObjectNode> timeline(
      ChallengeKey key, Instant from, Instant to, PageRequest page) {
    return challenges.timeline(key, from, to, page);
  }

  /** See {@link ChallengeQueries#similar}. */
  public PageResult<ObjectNode> similar(ChallengeKey key, PageRequest page) {
    return challenges.similar(key, page);
  }

  /** See {@link ParticipationQueries#participants}. */
  public Participants participants(ChallengeKey key, PageRequest page) {
    return participation.participants(key, page);
  }

  /** See {@link ParticipationQueries#userChallenges}. */
  public PageResult<ObjectNode> userChallenges(String userId, PageRequest page) {
    return participation.userChallenges(userId, page);
  }

  /** See {@link InsightQueries#curve}. */
  public ObjectNode curve(ChallengeKey key, int points) {
    return insights.curve(key, points);
  }

  /** See {@link InsightQueries#related}. */
  public ObjectNode related(ChallengeKey key, int size) {
    return insights.related(key, size);
  }

  /** See {@link InsightQueries#videos}. */
  public PageResult<ObjectNode> videos(ChallengeKey key, VideoSort sort, PageRequest page) {
    return insights.videos(key, sort, page);
  }

  /** See {@link InsightQueries#search}. */
  public PageResult<ObjectNode> search(String prefix, TagKind kind, PageRequest page) {
    return insights.search(prefix, kind, page);
  }

  /** See {@link InsightQueries#pipeline}. */
  public ObjectNode pipeline() {
    return insights.pipeline();
  }

  /**
   * One video's document; its embedding only when asked for. The vector is kept in its own index
   * (written once, not with every snapshot of the video) and joined in here by the video's id;
   * a video not enriched yet has none, and then none is added.
   */
  public ObjectNode video(String videoId, boolean withEmbedding) {
    SearchResponse<ObjectNode> r = es.search(List.of(Index.VIDEOS),
        b -> b.query(x -> x.ids(i -> i.values(videoId))).size(1));
    if (r.hits().hits().isEmpty()) {
      throw new NotFoundException("no video " + videoId);
    }
    ObjectNode video = r.hits().hits().get(0).source();
    if (withEmbedding) {
      SearchResponse<ObjectNode> e = es.search(List.of(Index.EMBEDDINGS),
          b -> b.query(x -> x.ids(i -> i.values(videoId))).size(1)
              .source(src -> src.filter(f -> f.includes(EmbeddingFields.EMBEDDING))));
      if (!e.hits().hits().isEmpty()) {
        video.set(EmbeddingFields.EMBEDDING,
            e.hits().hits().get(0).source().get(EmbeddingFields.EMBEDDING));
      }
    }
    return video;
  }

  /** Asks Elasticsearch for its cluster health; never throws for an unreachable server. */
  public Health health() {
    try {
      var h = es.call(() -> es.client().cluster().health(), "cluster health");
      return new Health(true, h.status().jsonValue(), h.numberOfNodes() + " node(s)",
          Instant.now());
    } catch (BackendUnavailableException e) {
      return new Health(false, "unreachable", e.getMessage(), Instant.now());
    }
  }
}
