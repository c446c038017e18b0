package io.challengeradar.flink.model;

/**
 * An engagement snapshot of one video, tagged with the video's author and post time so that the
 * author's history ({@code enrich.AuthorHistories}, keyed by author) can take it.
 *
 * @param interactions likes + comments + shares
 */
public record AuthorObservation(
    String authorId,
    String videoId,
    long postedAtMillis,
    long observedAtMillis,
    long views,
    long interactions) {}
