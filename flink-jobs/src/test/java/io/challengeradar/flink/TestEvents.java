package io.challengeradar.flink;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Named, deterministic test events. */
public final class TestEvents {
  public static final Instant BEGINNING = Instant.parse("2024-03-01T00:00:00Z");
  public static final Duration HOUR = Duration.ofHours(1);
  public static final EventCodec CODEC = EventCodec.withDefaults();

  private TestEvents() {}

  public static Post post(String videoId, String authorId, Instant at, String musicId,
      String... hashtags) {
    return Post.of(videoId, authorId, at, "caption of " + videoId, List.of(hashtags), musicId, 15)
        .withFollowerCount(1_000L);
  }

  public static EngagementSnapshot snapshot(String videoId, Instant at, long views) {
    // Likes, comments and shares follow views in fixed ratios so expected rates are easy to read.
    return new EngagementSnapshot(videoId, at, views, views / 10, views / 100, views / 50, null);
  }

  public static String line(io.challengeradar.core.event.Event e) {
    return CODEC.encode(e);
  }

  public static Instant at(Duration sinceBeginning) {
    return BEGINNING.plus(sinceBeginning);
  }

  public static Instant minutes(long m) {
    return BEGINNING.plus(Duration.ofMinutes(m));
  }
}
