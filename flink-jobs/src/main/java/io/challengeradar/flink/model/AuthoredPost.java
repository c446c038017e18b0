package io.challengeradar.flink.model;

import io.challengeradar.serving.wire.Wire;

/**
 * A new post on its way to the serving tier, with what its author's earlier videos say as of its
 * post time.
 */
public record AuthoredPost(SourcedEvent post, Wire.AuthorHistory authorHistory) {}
