package io.challengeradar.flink.enrich;

import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.serving.wire.Wire;
import java.time.Instant;

/** The one place that turns posts into enrich requests and answers into {@link Enrichment}s. */
public final class EnrichmentWire {

  /**
   * Captions are cut to the serving tier's default limit: the text encoder reads only its first
   * few hundred tokens anyway, and a refused request would leave the post pending for ever.
   */
  static final int MAX_CAPTION_CHARS = Wire.DEFAULT_MAX_CAPTION_CHARS;

  private EnrichmentWire() {}

  public static Wire.EnrichPost request(Post p) {
    return request(p, null);
  }

  /** @param authorHistory the author's earlier videos as of the post; null sends none */
  public static Wire.EnrichPost request(Post p, Wire.AuthorHistory authorHistory) {
    String caption = p.caption().length() > MAX_CAPTION_CHARS
        ? p.caption().substring(0, MAX_CAPTION_CHARS) : p.caption();
    return Wire.EnrichPost.atPost(p.videoId(), caption, p.hashtags(), p.musicId(),
        p.durationSec(), p.followerCount(), p.createdAt().toString())
        .withAuthorHistory(authorHistory);
  }

  public static Enrichment pending(Post p) {
    return Enrichment.pending(p.videoId(), p.authorId(), p.createdAt(),
        p.hashtags().toArray(new String[0]), p.musicId());
  }

  /** The answer for {@code p}, which is item {@code index} of {@code answer}. */
  public static Enrichment answer(Post p, Wire.EnrichResponse answer, int index, Instant at) {
    Wire.EnrichedPost e = answer.posts().get(index);
    if (!p.videoId().equals(e.videoId())) {
      throw new IllegalStateException("answer " + index + " is for video " + e.videoId()
          + ", expected " + p.videoId());
    }
    return new Enrichment(p.videoId(), p.authorId(), p.createdAt(),
        p.hashtags().toArray(new String[0]), p.musicId(), new Enrichment.Answer(e.embedding(),
            answer.embeddingModel(),
            e.virality() == null ? null : e.virality().doubleValue(), answer.viralityModel(), e.viralityHead(),
            e.claimProbability() == null ? null : e.claimProbability().doubleValue(),
            answer.claimsModel(), at, answer.viralityRatioCut()));
  }
}
