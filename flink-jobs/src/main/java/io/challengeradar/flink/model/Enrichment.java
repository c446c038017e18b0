package io.challengeradar.flink.model;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the serving tier said about one new post, or that it could not be reached ({@code answer}
 * null: the post goes on un-enriched and is enriched later). Carries the post's tags and author so
 * the challenge and user representations can be built from it without another join.
 *
 * @param answer the serving tier's answer, null while pending
 */
@TypeInfo(EnrichmentSerializer.Factory.class)
public record Enrichment(
    String videoId,
    String authorId,
    Instant createdAt,
    String[] hashtags,
    String musicId,
    Answer answer) {

  /**
   * The caption embedding and the heads' scores for one post.
   *
   * @param embedding the caption vector (the serving tier's text encoder)
   * @param embeddingModel {@code name/version} of the encoder
   * @param viralityAtPost probability that the video goes viral, scored at post time; null when
   *     no virality head is served
   * @param viralityHead which head of the virality model scored the post, null for a model with
   *     one head
   * @param claimProbability probability that the caption states a claim; null when no claims
   *     head is served
   * @param enrichedAt processing time of the answer
   * @param viralityRatioCut the virality head's views-per-follower cut for "viral", with which
   *     VideoJoin updates the virality as the views come in; null when unknown
   */
  public record Answer(
      float[] embedding,
      String embeddingModel,
      Double viralityAtPost,
      String viralityModel,
      String viralityHead,
      Double claimProbability,
      String claimsModel,
      Instant enrichedAt,
      Double viralityRatioCut) {}

  /** The serving tier could not answer (yet): the post goes on without its signals. */
  public static Enrichment pending(
      String videoId, String authorId, Instant createdAt, String[] hashtags, String musicId) {
    return new Enrichment(videoId, authorId, createdAt, hashtags, musicId, null);
  }

  /** Whether the serving tier has not answered (yet). */
  public boolean pending() {
    return answer == null;
  }
}
