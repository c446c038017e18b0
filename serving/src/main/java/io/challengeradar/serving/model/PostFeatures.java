package io.challengeradar.serving.model;

import io.challengeradar.serving.wire.Wire;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The extra input features a scoring head can declare by name ({@code input.features}), computed
 * from a post's raw fields. Training and serving both call {@link #vector}, so a head scores at
 * serving time on exactly the numbers it was trained on.
 *
 * <p>Features that only exist later in a video's life (its engagement counters, its age) take what
 * the caller knows: at post time a video is 0 hours old and has no views, so {@code log_age_hours}
 * and the {@code log_*} counters are 0 unless the request carries values.
 */
public final class PostFeatures {

  /** Every feature name a head may declare. */
  public static final Set<String> KNOWN =
      Set.of(
          "log_followers",
          "caption_chars",
          "hashtag_count",
          "music_original",
          "duration_sec",
          "hour_sin",
          "hour_cos",
          "weekday_sin",
          "weekday_cos",
          "log_age_hours",
          "log_views",
          "log_likes",
          "log_shares",
          "log_downloads",
          "log_comments",
          "verified",
          "ban_under_review",
          "ban_banned",
          "author_log_count",
          "author_mean_log_views",
          "author_sd_log_views",
          "author_engagement_rate",
          "author_log_gap_hours");

  /**
   * The author-history features, in the order the author-history virality head takes them after
   * the post's own: made from the {@link Wire.AuthorHistory} the caller keeps (the job's state,
   * training's replay of the data), all 0 for a new author.
   */
  public static final List<String> AUTHOR_HISTORY =
      List.of(
          "author_log_count",
          "author_mean_log_views",
          "author_sd_log_views",
          "author_engagement_rate",
          "author_log_gap_hours");

  /** An author's standing, as the claims data set records it. */
  public enum BanStatus {
    ACTIVE,
    UNDER_REVIEW,
    BANNED
  }

  /** Engagement counters; all zero at post time. */
  public record Engagement(long views, long likes, long shares, long downloads, long comments) {
    public static final Engagement NONE = new Engagement(0, 0, 0, 0, 0);
  }

  /**
   * The raw fields of one post the features are made of.
   *
   * @param caption the caption text (empty when none)
   * @param hashtagCount hashtags on the post
   * @param musicOriginal whether the sound is the author's own
   * @param durationSec video length, 0 when unknown
   * @param followers the author's followers, 0 when unknown
   * @param postedAt when the video was posted (read as UTC)
   * @param ageHours the video's age when the features are taken; 0 at post time
   * @param authorHistory the author's earlier videos as of the post; {@link
   *     Wire.AuthorHistory#NONE} when unknown
   */
  public record Input(
      String caption,
      int hashtagCount,
      boolean musicOriginal,
      int durationSec,
      long followers,
      Instant postedAt,
      double ageHours,
      Engagement engagement,
      boolean verified,
      BanStatus ban,
      Wire.AuthorHistory authorHistory) {

    public Input {
      if (caption == null) {
        throw new IllegalArgumentException("caption must not be null (use \"\" for none)");
      }
      if (postedAt == null) {
        throw new IllegalArgumentException("postedAt must be set");
      }
      if (engagement == null || ban == null || authorHistory == null) {
        throw new IllegalArgumentException("engagement, ban and authorHistory must be set");
      }
    }

    /** A post as it is published: 0 hours old, no engagement, active unverified author. */
    public static Input atPost(
        String caption, int hashtagCount, int durationSec, long followers, Instant postedAt) {
      return new Input(caption, hashtagCount, false, durationSec, followers, postedAt, 0,
          Engagement.NONE, false, BanStatus.ACTIVE, Wire.AuthorHistory.NONE);
    }

    public Input withMusicOriginal(boolean original) {
      return new Input(caption, hashtagCount, original, durationSec, followers, postedAt,
          ageHours, engagement, verified, ban, authorHistory);
    }

    public Input withAgeHours(double hours) {
      return new Input(caption, hashtagCount, musicOriginal, durationSec, followers, postedAt,
          hours, engagement, verified, ban, authorHistory);
    }

    public Input withEngagement(Engagement e) {
      return new Input(caption, hashtagCount, musicOriginal, durationSec, followers, postedAt,
          ageHours, e, verified, ban, authorHistory);
    }

    public Input withAuthor(boolean isVerified, BanStatus status) {
      return new Input(caption, hashtagCount, musicOriginal, durationSec, followers, postedAt,
          ageHours, engagement, isVerified, status, authorHistory);
    }

    public Input withAuthorHistory(Wire.AuthorHistory history) {
      return new Input(caption, hashtagCount, musicOriginal, durationSec, followers, postedAt,
          ageHours, engagement, verified, ban, history);
    }
  }

  private PostFeatures() {}

  /**
   * @throws IllegalArgumentException naming the unknown names and the known ones
   */
  public static void checkKnown(List<String> names) {
    Set<String> unknown = new TreeSet<>(names);
    unknown.removeAll(KNOWN);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown input feature(s) " + unknown
          + "; the serving tier can compute " + new TreeSet<>(KNOWN));
    }
  }

  /** The named features of {@code in}, in the order of {@code names}. */
  public static float[] vector(List<String> names, Input in) {
    checkKnown(names);
    ZonedDateTime t = in.postedAt().atZone(ZoneOffset.UTC);
    double hour = (t.getHour() + t.getMinute() / 60.0) / 24 * 2 * Math.PI;
    double day = (t.getDayOfWeek().getValue() - 1) / 7.0 * 2 * Math.PI;
    float[] out = new float[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = value(names.get(i), in, hour, day);
    }
    return out;
  }

  private static float value(String name, Input in, double hour, double day) {
    Engagement e = in.engagement();
    switch (name) {
      case "log_followers":
        return (float) Math.log1p(in.followers());
      case "caption_chars":
        return in.caption().length();
      case "hashtag_count":
        return in.hashtagCount();
      case "music_original":
        return in.musicOriginal() ? 1 : 0;
      case "duration_sec":
        return in.durationSec();
      case "hour_sin":
        return (float) Math.sin(hour);
      case "hour_cos":
        return (float) Math.cos(hour);
      case "weekday_sin":
        return (float) Math.sin(day);
      case "weekday_cos":
        return (float) Math.cos(day);
      case "log_age_hours":
        return (float) Math.log1p(Math.max(0, in.ageHours()));
      case "log_views":
        return (float) Math.log1p(e.views());
      case "log_likes":
        return (float) Math.log1p(e.likes());
      case "log_shares":
        return (float) Math.log1p(e.shares());
      case "log_downloads":
        return (float) Math.log1p(e.downloads());
      case "log_comments":
        return (float) Math.log1p(e.comments());
      case "verified":
        return in.verified() ? 1 : 0;
      case "ban_under_review":
        return in.ban() == BanStatus.UNDER_REVIEW ? 1 : 0;
      case "ban_banned":
        return in.ban() == BanStatus.BANNED ? 1 : 0;
      case "author_log_count":
        return (float) Math.log1p(in.authorHistory().count());
      case "author_mean_log_views":
        return (float) in.authorHistory().meanLogViews();
      case "author_sd_log_views":
        return (float) in.authorHistory().sdLogViews();
      case "author_engagement_rate":
        return (float) in.authorHistory().meanEngagementRate();
      case "author_log_gap_hours":
        return (float) Math.log1p(Math.max(0, in.authorHistory().meanGapHours()));
      default:
        throw new IllegalArgumentException("unknown input feature '" + name + "'");
    }
  }
}
