package io.challengeradar.flink.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An engagement snapshot of one video, tagged with the video's author and post time so that the
 * author's history ({@code enrich.AuthorHistories}, keyed by author) can take it.
 *
 * @param interactions likes + comments + shares
 */
@TypeInfo(AuthorObservationSerializer.Factory.class)
public record AuthorObservation(
    String authorId,
    String videoId,
    long postedAtMillis,
    long observedAtMillis,
    long views,
    long interactions) {}
