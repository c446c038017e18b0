package io.challengeradar.flink.intel;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One of an author's videos, as the user representation needs it.
 *
 * @param challenges the video's tag keys ({@code hashtag:x}, {@code sound:y})
 */
@TypeInfo(UserVideoSerializer.Factory.class)
public record UserVideo(
    String authorId, String videoId, long createdAtMillis, String[] challenges,
    float[] embedding) {}
