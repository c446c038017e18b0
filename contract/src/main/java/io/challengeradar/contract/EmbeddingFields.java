package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/**
 * Fields of a {@code radar-embeddings} document: one video's caption embedding, kept apart from
 * its {@code radar-videos} document. The vector is written once, when it arrives; the video's
 * document changes with every snapshot, and with the vector in it each change would index the
 * vector into the kNN graph again.
 */
public final class EmbeddingFields {
  public static final String VIDEO_ID = "videoId";
  public static final String AUTHOR_ID = "authorId";
  public static final String CREATED_AT = "createdAt";
  /** The caption vector (384 floats for MiniLM), kNN-searchable by cosine. */
  public static final String EMBEDDING = "embedding";
  /** {@code name/version} of the encoder that wrote the vector. */
  public static final String EMBEDDING_MODEL = "embeddingModel";
  public static final String ENRICHED_AT = "enrichedAt";

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(EmbeddingFields.class,
      Set.of(VIDEO_ID, EMBEDDING, EMBEDDING_MODEL), Map.of());

  private EmbeddingFields() {}
}
