package io.challengeradar.serving.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What is known of one author's recent videos: when each was posted and its latest engagement
 * observation. The one way the author-history features are made: the streaming job keeps one per
 * author in keyed state and training replays the data sets through it, so both send the virality
 * head the same {@link Wire.AuthorHistory} for the same history.
 *
 * <p>Bounded: at most {@code maxVideos} videos, the newest by post time, however much the author
 * posts. Immutable (the job's state holds values), and a record of records so Flink serialises it
 * as a POJO.
 *
 * <p>No peeking: {@link #summaryAt} counts only videos posted strictly before the post and
 * observed strictly before its post time. Only a video's latest observation is kept, so when that
 * one was taken after the post (the post arrived late) the video is left out rather than read
 * from the future.
 *
 * @param videos newest first
 */
public record AuthorTrack(TrackedVideo[] videos) {

  /**
   * How many videos the job keeps per author unless configured otherwise, and what training
   * replays with: the VN histories hold up to 20 videos per author.
   */
  public static final int DEFAULT_MAX_VIDEOS = 20;

  /** No observation yet. */
  public static final long NOT_OBSERVED = Long.MIN_VALUE;

  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private static final Comparator<TrackedVideo> NEWEST_FIRST =
      Comparator.comparingLong(TrackedVideo::postedAtMillis).reversed()
          .thenComparing(TrackedVideo::videoId);

  /**
   * One video of the author.
   *
   * @param observedAtMillis when {@code views} and {@code interactions} were observed, {@link
   *     #NOT_OBSERVED} before the first observation
   * @param interactions likes + comments + shares at that observation
   */
  public record TrackedVideo(
      String videoId, long postedAtMillis, long observedAtMillis, long views, long interactions) {}

  public static AuthorTrack empty() {
    return new AuthorTrack(new TrackedVideo[0]);
  }

  /**
   * This track with the video posted at {@code postedAtMillis} added (unobserved), keeping the
   * {@code maxVideos} newest. A video already tracked (a replayed post) keeps what it has.
   */
  public AuthorTrack posted(String videoId, long postedAtMillis, int maxVideos) {
    for (TrackedVideo v : videos) {
      if (v.videoId().equals(videoId)) {
        return this;
      }
    }
    List<TrackedVideo> kept = new ArrayList<>(videos.length + 1);
    kept.addAll(List.of(videos));
    kept.add(new TrackedVideo(videoId, postedAtMillis, NOT_OBSERVED, 0, 0));
    return bounded(kept, maxVideos);
  }

  /**
   * This track with an engagement observation of a tracked video; an observation of a video not
   * tracked (dropped by the bound, or never posted here), or older than the one kept, changes
   * nothing.
   */
  public AuthorTrack observed(String videoId, long observedAtMillis, long views, long interactions) {
    TrackedVideo[] out = videos.clone();
    for (int i = 0; i < out.length; i++) {
      TrackedVideo v = out[i];
      if (v.videoId().equals(videoId)) {
        if (observedAtMillis < v.observedAtMillis()) {
          return this;
        }
        out[i] = new TrackedVideo(videoId, v.postedAtMillis(), observedAtMillis,
            Math.max(0, views), Math.max(0, interactions));
        return new AuthorTrack(out);
      }
    }
    return this;
  }

  /**
   * The author's history as the post {@code videoId}, posted at {@code postedAtMillis}, may see
   * it: videos posted strictly before it, other than itself; of those, the ones observed strictly
   * before {@code postedAtMillis} give the view and engagement figures.
   */
  public Wire.AuthorHistory summaryAt(String videoId, long postedAtMillis) {
    int n = 0;
    double sum = 0;
    double sumSq = 0;
    double rate = 0;
    int earlierPosts = 0;
    long earliest = Long.MAX_VALUE;
    for (TrackedVideo v : videos) {
      if (v.videoId().equals(videoId) || v.postedAtMillis() >= postedAtMillis) {
        continue;
      }
      earlierPosts++;
      earliest = Math.min(earliest, v.postedAtMillis());
      if (v.observedAtMillis() == NOT_OBSERVED || v.observedAtMillis() >= postedAtMillis) {
        continue;
      }
      double lv = Math.log1p(v.views());
      n++;
      sum += lv;
      sumSq += lv * lv;
      rate += (double) v.interactions() / Math.max(1, v.views());
    }
    double gap = earlierPosts == 0 ? 0 : (postedAtMillis - earliest) / MILLIS_PER_HOUR / earlierPosts;
    if (n == 0) {
      return new Wire.AuthorHistory(0, 0, 0, 0, gap);
    }
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    return new Wire.AuthorHistory(n, mean, sd, rate / n, gap);
  }

  private static AuthorTrack bounded(List<TrackedVideo> kept, int maxVideos) {
    if (maxVideos < 1) {
      throw new IllegalArgumentException("maxVideos must be at least 1, was " + maxVideos);
    }
    kept.sort(NEWEST_FIRST);
    List<TrackedVideo> out = kept.size() > maxVideos ? kept.subList(0, maxVideos) : kept;
    return new AuthorTrack(out.toArray(new TrackedVideo[0]));
  }
}
