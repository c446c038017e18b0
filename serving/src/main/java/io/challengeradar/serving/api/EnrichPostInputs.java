package io.challengeradar.serving.api;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.model.PostFeatures;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.Wire.EnrichPost;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The heads' raw inputs of one {@code /v1/enrich} post ({@link PostFeatures.Input}), checked:
 * bad input is refused naming the field. Public so that a test can hold what the serving tier
 * computes from the job's request against what training computes from the data.
 */
public final class EnrichPostInputs {

  private EnrichPostInputs() {}

  /**
   * @param field where the post is in the request, for messages ({@code posts[3]})
   * @throws BadInputException naming the field
   */
  public static PostFeatures.Input of(String field, EnrichPost p) {
    if (p.createdAt() == null) {
      throw new BadInputException(field + ".createdAt", "is required");
    }
    Instant createdAt;
    try {
      createdAt = Instant.parse(p.createdAt());
    } catch (DateTimeParseException e) {
      throw new BadInputException(field + ".createdAt",
          "'" + p.createdAt() + "' is not an ISO-8601 instant like 2024-01-01T12:00:00Z");
    }
    List<String> tags = p.hashtags() == null ? List.of() : p.hashtags();
    return PostFeatures.Input.atPost(
                p.caption(), tags.size(), (int) notNegative(field + ".durationSec", p.durationSec()),
                notNegative(field + ".followerCount", p.followerCount()), createdAt)
            .withMusicOriginal(Boolean.TRUE.equals(p.musicOriginal()))
            .withEngagement(new PostFeatures.Engagement(
                notNegative(field + ".views", p.views()),
                notNegative(field + ".likes", p.likes()),
                notNegative(field + ".shares", p.shares()),
                notNegative(field + ".downloads", p.downloads()),
                notNegative(field + ".comments", p.comments())))
            .withAuthor(Boolean.TRUE.equals(p.verified()), ban(field, p.authorBanStatus()))
            .withAuthorHistory(history(field + ".authorHistory", p.authorHistory()));
  }

  private static Wire.AuthorHistory history(String field, Wire.AuthorHistory h) {
    if (h == null) {
      return Wire.AuthorHistory.NONE;
    }
    if (h.count() < 0) {
      throw new BadInputException(field + ".count", "must be zero or more, was " + h.count());
    }
    finiteNotNegative(field + ".meanLogViews", h.meanLogViews());
    finiteNotNegative(field + ".sdLogViews", h.sdLogViews());
    finiteNotNegative(field + ".meanEngagementRate", h.meanEngagementRate());
    finiteNotNegative(field + ".meanGapHours", h.meanGapHours());
    return h;
  }

  private static void finiteNotNegative(String field, double v) {
    if (!Double.isFinite(v) || v < 0) {
      throw new BadInputException(field, "must be a finite number, zero or more, was " + v);
    }
  }

  private static long notNegative(String field, Number n) {
    if (n == null) {
      return 0;
    }
    if (n.longValue() < 0) {
      throw new BadInputException(field, "must be zero or more, was " + n);
    }
    return n.longValue();
  }

  private static PostFeatures.BanStatus ban(String field, String status) {
    if (status == null) {
      return PostFeatures.BanStatus.ACTIVE;
    }
    switch (status.toLowerCase(Locale.ROOT).trim()) {
      case "active":
        return PostFeatures.BanStatus.ACTIVE;
      case "under review":
        return PostFeatures.BanStatus.UNDER_REVIEW;
      case "banned":
        return PostFeatures.BanStatus.BANNED;
      default:
        throw new BadInputException(field + ".authorBanStatus",
            "must be active, under review or banned, was '" + status + "'");
    }
  }
}
