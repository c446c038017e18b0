package io.challengeradar.training.data;

import io.challengeradar.serving.wire.AuthorTrack;
import io.challengeradar.serving.wire.Wire;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The author-history features of a data set, made the way the streaming job makes them: each
 * author's posts and engagement observations are replayed in time order through one {@link
 * AuthorTrack}, and each post takes {@link AuthorTrack#summaryAt} at its post time. A post never
 * sees its own counts, a later video, or an observation taken after it was posted.
 *
 * <p>What "observed" means is the data's: a scraped video was observed once, at its scrape time.
 */
public final class AuthorHistoryReplay {

  /** One video as the replay needs it. */
  public record Observed(
      String user, String videoId, long postedAtMillis, long observedAtMillis, long views,
      long interactions) {}

  private record Step(long at, int order, Observed video) {}

  private static final Comparator<Step> IN_TIME =
      Comparator.comparingLong(Step::at).thenComparingInt(Step::order)
          .thenComparing(s -> s.video().videoId());

  private AuthorHistoryReplay() {}

  /**
   * @param maxVideos the bound the job's state keeps per author
   * @return one summary per video, in the order of {@code videos}
   */
  public static Wire.AuthorHistory[] replay(List<Observed> videos, int maxVideos) {
    Map<String, List<Step>> byUser = new HashMap<>();
    for (Observed v : videos) {
      List<Step> steps = byUser.computeIfAbsent(v.user(), u -> new ArrayList<>());
      // At equal times a post goes first: an observation at the very moment of a post is not
      // "before" it (and summaryAt would leave it out anyway).
      steps.add(new Step(v.postedAtMillis(), 0, v));
      steps.add(new Step(v.observedAtMillis(), 1, v));
    }
    Map<String, Wire.AuthorHistory> at = new HashMap<>();
    for (List<Step> steps : byUser.values()) {
      steps.sort(IN_TIME);
      AuthorTrack track = AuthorTrack.empty();
      for (Step s : steps) {
        Observed v = s.video();
        if (s.order() == 0) {
          at.put(v.videoId(), track.summaryAt(v.videoId(), v.postedAtMillis()));
          track = track.posted(v.videoId(), v.postedAtMillis(), maxVideos);
        } else {
          track = track.observed(v.videoId(), v.observedAtMillis(), v.views(), v.interactions());
        }
      }
    }
    Wire.AuthorHistory[] out = new Wire.AuthorHistory[videos.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = at.get(videos.get(i).videoId());
    }
    return out;
  }

  /**
   * The VN feed's videos as observed: once, at scrape.
   *
   * @param settleMillis 0 for the data as it is; otherwise each observation is moved back to at
   *     most this long after its post (an experiment: a stream that watched every video from its
   *     post on would have seen about the scraped count once the count settled)
   */
  public static List<Observed> of(List<VnFeedData.Video> videos, long settleMillis) {
    List<Observed> out = new ArrayList<>(videos.size());
    for (VnFeedData.Video v : videos) {
      long posted = v.postedAt() * 1000;
      long observed = v.scrapedAt() * 1000;
      if (settleMillis > 0) {
        observed = Math.min(observed, posted + settleMillis);
      }
      out.add(new Observed(v.user(), v.id(), posted, observed, v.views(), v.interactions()));
    }
    return out;
  }
}
