package io.challengeradar.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A published video. Required: videoId, authorId, createdAt, caption (may be empty), hashtags
 * (may be empty, normalised by {@link Hashtags}), musicId and durationSec (present, null when the
 * source does not know them). The rest are optional and null when absent.
 */
public record Post(
    String videoId,
    String authorId,
    Instant createdAt,
    String caption,
    List<String> hashtags,
    String musicId,
    Integer durationSec,
    Long followerCount,
    String authorHandle,
    String thumbnailUrl,
    String language,
    String region)
    implements Event {

  public static final String TYPE = "post";

  public Post {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(caption, "caption");
    hashtags = List.copyOf(Objects.requireNonNull(hashtags, "hashtags"));
  }

  /** A post with only the required fields; optional ones can be added with the {@code with} methods. */
  public static Post of(
      String videoId,
      String authorId,
      Instant createdAt,
      String caption,
      List<String> hashtags,
      String musicId,
      Integer durationSec) {
    return new Post(
        videoId, authorId, createdAt, caption, hashtags, musicId, durationSec, null, null, null,
        null, null);
  }

  public Post withFollowerCount(Long followers) {
    return new Post(videoId, authorId, createdAt, caption, hashtags, musicId, durationSec,
        followers, authorHandle, thumbnailUrl, language, region);
  }

  public Post withAuthorHandle(String handle) {
    return new Post(videoId, authorId, createdAt, caption, hashtags, musicId, durationSec,
        followerCount, handle, thumbnailUrl, language, region);
  }

  public Post withThumbnailUrl(String url) {
    return new Post(videoId, authorId, createdAt, caption, hashtags, musicId, durationSec,
        followerCount, authorHandle, url, language, region);
  }

  public Post withLocale(String lang, String reg) {
    return new Post(videoId, authorId, createdAt, caption, hashtags, musicId, durationSec,
        followerCount, authorHandle, thumbnailUrl, lang, reg);
  }

  @Override
  public Instant eventTime() {
    return createdAt;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
