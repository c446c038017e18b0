package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostFeaturesTest {

  /** A Monday, 06:00 UTC: a quarter of the day, the first day of the week. */
  private static final Instant MONDAY_SIX_AM = Instant.parse("2024-01-01T06:00:00Z");

  @Test
  void computesTheViralityFeaturesOfANewPost() {
    PostFeatures.Input post =
        PostFeatures.Input.atPost("dance #fyp", 2, 15, 999, MONDAY_SIX_AM).withMusicOriginal(true);

    float[] f = PostFeatures.vector(
        List.of("log_followers", "caption_chars", "hashtag_count", "music_original", "duration_sec",
            "hour_sin", "hour_cos", "weekday_sin", "weekday_cos", "log_age_hours"), post);

    assertThat(f[0]).isCloseTo((float) Math.log(1000), within(1e-6f));
    assertThat(f[1]).isEqualTo(10f);
    assertThat(f[2]).isEqualTo(2f);
    assertThat(f[3]).isEqualTo(1f);
    assertThat(f[4]).isEqualTo(15f);
    assertThat(f[5]).isCloseTo(1f, within(1e-6f));
    assertThat(f[6]).isCloseTo(0f, within(1e-6f));
    assertThat(f[7]).isCloseTo(0f, within(1e-6f));
    assertThat(f[8]).isCloseTo(1f, within(1e-6f));
    // A new post is 0 hours old.
    assertThat(f[9]).isEqualTo(0f);
  }

  @Test
  void takesEngagementAndAuthorFromTheInputAndZeroWithoutThem() {
    List<String> claims = List.of("log_views", "log_likes", "verified", "ban_under_review", "ban_banned");
    PostFeatures.Input fresh = PostFeatures.Input.atPost("", 0, 0, 0, MONDAY_SIX_AM);

    assertThat(PostFeatures.vector(claims, fresh)).containsExactly(0f, 0f, 0f, 0f, 0f);
    float[] known = PostFeatures.vector(claims, fresh
        .withEngagement(new PostFeatures.Engagement(99, 9, 0, 0, 0))
        .withAuthor(true, PostFeatures.BanStatus.BANNED));
    assertThat(known[0]).isCloseTo((float) Math.log(100), within(1e-6f));
    assertThat(known[1]).isCloseTo((float) Math.log(10), within(1e-6f));
    assertThat(known).endsWith(1f, 0f, 1f);
  }

  @Test
  void refusesUnknownFeatureNamesListingThem() {
    assertThatThrownBy(() -> PostFeatures.checkKnown(List.of("log_views", "vibes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[vibes]")
        .hasMessageContaining("log_followers");
  }
}
