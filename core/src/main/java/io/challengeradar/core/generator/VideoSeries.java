package io.challengeradar.core.generator;

import io.challengeradar.core.event.EngagementSnapshot;
import java.time.Instant;

/**
 * The engagement series of one video, produced lazily: the generator keeps one of these per video
 * that still has snapshots to come, ordered by {@link #nextAt()}, instead of holding every
 * snapshot of the stream.
 *
 * <p>Views approach a final reach that is driven by the author's followers, a lognormal virality
 * (with rare breakout hits) and, for a challenge post, how hot the challenge was when posted. The
 * curve saturates over about a day, with a slow tail over the week. Likes, comments, shares and
 * downloads are noisy per-video fractions of views. Each counter is held to at least its previous
 * value, so a series is cumulative and never decreases.
 */
final class VideoSeries {
  /** Hours after posting at which a crawler observes a video; jittered by up to 10 minutes. */
  static final int[] SCHEDULE_HOURS = {1, 3, 6, 12, 24, 48, 72, 96, 120, 144, 168};
  private static final int JITTER_SECONDS = 600;
  private static final double CUT_SHORT_SHARE = 0.25;
  private static final double MISSED_SHARE = 0.05;
  private static final double BREAKOUT_SHARE = 0.008;
  private static final double HEAT_BOOST = 2.5;
  private static final double MAX_VIEWS = 5e9;
  private static final double WEEK_HOURS = 168;

  private final long sequence;
  private final String videoId;
  private final long postedAt;
  private final Rng rng;
  private final double reach;
  private final double tauHours;
  private final double likeRate;
  private final double commentRate;
  private final double shareRate;
  /** NaN when this video's source does not report downloads. */
  private final double downloadRate;
  private final int observations;

  private int index = -1;
  private long nextAt;
  private long views;
  private long likes;
  private long comments;
  private long shares;
  private long downloads;

  /**
   * @param sequence the video's position in the stream, used as the tie-break and the seed index
   * @param heat the challenge's heat when posted (0 for ordinary posts), see {@link
   *     ChallengePlan#heat}
   */
  VideoSeries(long seed, long sequence, String videoId, Instant postedAt, long followers,
      double heat) {
    this.sequence = sequence;
    this.videoId = videoId;
    this.postedAt = postedAt.getEpochSecond();
    this.rng = Rng.of(seed, Rng.VIDEO, sequence);
    double virality = rng.lognormal(0, 1.1);
    if (rng.chance(BREAKOUT_SHARE)) {
      virality *= rng.uniform(15, 60); // the recommendation feed picks it up
    }
    reach = Math.min(MAX_VIEWS, (60 + 0.35 * followers) * virality * (1 + HEAT_BOOST * heat));
    tauHours = rng.lognormal(StrictMath.log(10), 0.6);
    likeRate = Math.min(0.35, rng.lognormal(StrictMath.log(0.08), 0.35));
    commentRate = Math.min(0.05, rng.lognormal(StrictMath.log(0.004), 0.5));
    shareRate = Math.min(0.05, rng.lognormal(StrictMath.log(0.003), 0.6));
    downloadRate = rng.chance(0.5) ? Math.min(0.02, rng.lognormal(StrictMath.log(0.001), 0.6))
        : Double.NaN;
    // Some series stop early: the video was deleted or the crawler lost it.
    observations = rng.chance(CUT_SHORT_SHARE)
        ? 1 + rng.nextInt(SCHEDULE_HOURS.length - 1)
        : SCHEDULE_HOURS.length;
  }

  long sequence() {
    return sequence;
  }

  /** Epoch second of the next snapshot; valid after {@link #advance()} returned true. */
  long nextAt() {
    return nextAt;
  }

  /** Moves to the next scheduled observation; false when the series has ended. */
  boolean advance() {
    do {
      index++;
      // The first observation is never missed, so every series has at least one snapshot.
    } while (index > 0 && index < observations && rng.chance(MISSED_SHARE));
    if (index >= observations) {
      return false;
    }
    nextAt = postedAt + SCHEDULE_HOURS[index] * 3600L
        + rng.nextInt(2 * JITTER_SECONDS + 1) - JITTER_SECONDS;
    return true;
  }

  /** The counters at {@link #nextAt()}. */
  EngagementSnapshot observe() {
    double ageHours = (nextAt - postedAt) / 3600.0;
    double grown = 0.85 * (1 - StrictMath.exp(-ageHours / tauHours))
        + 0.15 * Math.min(1.0, ageHours / WEEK_HOURS);
    views = Math.max(views, noisy(reach * grown, 0.04));
    likes = Math.max(likes, noisy(views * likeRate, 0.05));
    comments = Math.max(comments, noisy(views * commentRate, 0.08));
    shares = Math.max(shares, noisy(views * shareRate, 0.08));
    Long dl = null;
    if (!Double.isNaN(downloadRate)) {
      downloads = Math.max(downloads, noisy(views * downloadRate, 0.1));
      dl = downloads;
    }
    return new EngagementSnapshot(
        videoId, Instant.ofEpochSecond(nextAt), views, likes, comments, shares, dl);
  }

  private long noisy(double mean, double relativeSd) {
    return Math.max(0, Math.round(mean * (1 + relativeSd * rng.gaussian())));
  }
}
