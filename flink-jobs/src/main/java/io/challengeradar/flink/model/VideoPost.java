package io.challengeradar.flink.model;

import io.challengeradar.core.event.Post;
import java.time.Instant;

/**
 * A video as it was posted: what the author published, fixed from the post on. Part of {@link
 * VideoDocument}, written flat into it.
 *
 * @param authorHandle null when the source does not know it
 * @param musicId the video's sound, null when it has none or the source does not know it
 * @param followerCount the author's followers at post time, null when unknown
 */
public record VideoPost(
    String videoId,
    String authorId,
    String authorHandle,
    Instant createdAt,
    String caption,
    String[] hashtags,
    String musicId,
    Integer durationSec,
    Long followerCount,
    String language,
    String region) {

  public static VideoPost of(Post p) {
    return new VideoPost(p.videoId(), p.authorId(), p.authorHandle(), p.createdAt(), p.caption(),
        p.hashtags().toArray(new String[0]), p.musicId(), p.durationSec(), p.followerCount(),
        p.language(), p.region());
  }
}
