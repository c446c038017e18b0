package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * What the serving tier added to a video document, written flat into it: which encoder embedded
 * the caption, virality (at post time and now) and claim probability. The vector itself is not
 * here: it is written once to {@code radar-embeddings} ({@link VideoEmbedding}) instead of with
 * every snapshot of the video, and it is not carried in the video's state.
 *
 * @param pendingEnrichment true from the moment the post is known until its enrichment lands;
 *     null when the pipeline runs without enrichment
 * @param virality {@code viralityAtPost} updated by each snapshot (see {@link
 *     io.challengeradar.flink.ops.VideoFeatures#virality})
 * @param viralityHead which head of the virality model scored the post ({@code author-history}
 *     or {@code post-only}); null for a model with one head
 * @param viralityRatioCut the head's views-per-follower cut; kept for the updates, not indexed
 */
public record VideoSignals(
    String embeddingModel,
    Boolean pendingEnrichment,
    Instant enrichedAt,
    Double viralityAtPost,
    Double virality,
    String viralityModel,
    String viralityHead,
    Double claimProbability,
    String claimsModel,
    @JsonIgnore Double viralityRatioCut) {

  /** No enrichment in this pipeline. */
  public static final VideoSignals NONE =
      new VideoSignals(null, null, null, null, null, null, null, null, null, null);

  /** Enrichment asked for, no answer yet. */
  public static final VideoSignals PENDING =
      new VideoSignals(null, true, null, null, null, null, null, null, null, null);

  public static VideoSignals of(Enrichment.Answer e) {
    return new VideoSignals(e.embeddingModel(), false, e.enrichedAt(),
        e.viralityAtPost(), e.viralityAtPost(), e.viralityModel(), e.viralityHead(),
        e.claimProbability(),
        e.claimsModel(), e.viralityRatioCut());
  }

  /** Whether the serving tier's answer is in. */
  @JsonIgnore
  public boolean enriched() {
    return Boolean.FALSE.equals(pendingEnrichment);
  }

  public VideoSignals withVirality(Double now) {
    return new VideoSignals(embeddingModel, pendingEnrichment, enrichedAt,
        viralityAtPost, now, viralityModel, viralityHead, claimProbability, claimsModel,
        viralityRatioCut);
  }
}
