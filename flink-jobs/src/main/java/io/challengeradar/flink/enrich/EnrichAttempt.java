package io.challengeradar.flink.enrich;

import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.SourcedEvent;

/**
 * The outcome of one call to the serving tier for a post: the answer, or a pending {@link
 * Enrichment} together with the post, so that it can be retried.
 */
public record EnrichAttempt(SourcedEvent post, Enrichment result) {}
