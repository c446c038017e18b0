package io.challengeradar.flink.intel;

/**
 * One of an author's videos, as the user representation needs it.
 *
 * @param challenges the video's tag keys ({@code hashtag:x}, {@code sound:y})
 */
public record UserVideo(
    String authorId, String videoId, long createdAtMillis, String[] challenges,
    float[] embedding) {}
