package io.challengeradar.flink.enrich;

import io.challengeradar.serving.wire.Wire;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.SourcedEvent;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The outcome of one call to the serving tier for a post: the answer, or a pending {@link
 * Enrichment} together with the post and the author's history it was sent with, so that it can
 * be retried with the same.
 *
 * @param authorHistory null when none was sent
 */
@TypeInfo(EnrichAttemptSerializer.Factory.class)
public record EnrichAttempt(SourcedEvent post, Wire.AuthorHistory authorHistory, Enrichment result) {

  public EnrichAttempt(SourcedEvent post, Enrichment result) {
    this(post, null, result);
  }
}
