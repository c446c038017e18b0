package io.challengeradar.flink.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One video's caption embedding as written to {@code radar-embeddings}: apart from the video's
 * document, which every snapshot rewrites, so the vector is indexed into the kNN graph once.
 *
 * @param createdAt the post's time, null when the writer does not know it
 * @param embeddingModel {@code name/version} of the encoder
 * @param enrichedAt when the serving tier answered
 */
public record VideoEmbedding(
    String videoId,
    String authorId,
    Instant createdAt,
    float[] embedding,
    String embeddingModel,
    Instant enrichedAt) {

  public VideoEmbedding {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(embedding, "embedding");
  }

  /** The vector of an answered enrichment; call only when it is not pending. */
  public static VideoEmbedding of(Enrichment e) {
    Enrichment.Answer a = Objects.requireNonNull(e.answer(), "answer");
    return new VideoEmbedding(e.videoId(), e.authorId(), e.createdAt(), a.embedding(),
        a.embeddingModel(), a.enrichedAt());
  }

  /** Whether {@code e} carries a vector to write. */
  public static boolean in(Enrichment e) {
    return !e.pending() && e.answer().embedding() != null;
  }

  public String id() {
    return videoId;
  }
}
