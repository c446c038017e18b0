package io.challengeradar.flink.model;

import java.time.Instant;

/**
 * What the serving tier said about one new post: its caption embedding and its scores, or that it
 * could not be reached ({@code pending}, every model field null) so the post goes on un-enriched
 * and is enriched later. Carries the post's tags and author so the challenge and user
 * representations can be built from it without another join.
 *
 * @param embedding the caption vector (the serving tier's text encoder), null when pending
 * @param embeddingModel {@code name/version} of the encoder, null when pending
 * @param viralityAtPost probability that the video goes viral, scored at post time; null when
 *     pending or when no virality head is served
 * @param claimProbability probability that the caption states a claim; null when pending or when
 *     no claims head is served
 * @param enrichedAt processing time of the answer, null when pending
 * @param viralityRatioCut the virality head's views-per-follower cut for "viral", with which
 *     VideoJoin updates the virality as the views come in; null when unknown
 */
public record Enrichment(
    String videoId,
    String authorId,
    Instant createdAt,
    String[] hashtags,
    String musicId,
    boolean pending,
    float[] embedding,
    String embeddingModel,
    Double viralityAtPost,
    String viralityModel,
    Double claimProbability,
    String claimsModel,
    Instant enrichedAt,
    Double viralityRatioCut) {

  /** An answer without the virality head's ratio cut. */
  public Enrichment(
      String videoId,
      String authorId,
      Instant createdAt,
      String[] hashtags,
      String musicId,
      boolean pending,
      float[] embedding,
      String embeddingModel,
      Double viralityAtPost,
      String viralityModel,
      Double claimProbability,
      String claimsModel,
      Instant enrichedAt) {
    this(videoId, authorId, createdAt, hashtags, musicId, pending, embedding, embeddingModel,
        viralityAtPost, viralityModel, claimProbability, claimsModel, enrichedAt, null);
  }

  /** The serving tier could not answer (yet): the post goes on without its signals. */
  public static Enrichment pending(
      String videoId, String authorId, Instant createdAt, String[] hashtags, String musicId) {
    return new Enrichment(videoId, authorId, createdAt, hashtags, musicId, true, null, null, null,
        null, null, null, null, null);
  }
}
