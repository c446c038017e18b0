package io.challengeradar.flink.intel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An author's state: their latest videos, newest first, and the tags they posted with, most
 * recent first. Both are bounded, so an author's state has a fixed maximum size however much
 * they post. The tags outlive the videos: a user who joined a challenge ten videos ago has still
 * joined it.
 */
public record UserHistory(UserVideo[] videos, String[] challenges) {

  private static final Comparator<UserVideo> NEWEST_FIRST =
      Comparator.comparingLong(UserVideo::createdAtMillis).reversed()
          .thenComparing(UserVideo::videoId);

  public static UserHistory empty() {
    return new UserHistory(new UserVideo[0], new String[0]);
  }

  /**
   * This history with {@code v} added, keeping the {@code maxVideos} newest videos and the
   * {@code maxChallenges} most recent tags. A video already kept (a replay, or a post enriched
   * a second time) is not counted twice.
   */
  public UserHistory with(UserVideo v, int maxVideos, int maxChallenges) {
    List<UserVideo> kept = new ArrayList<>(videos.length + 1);
    for (UserVideo old : videos) {
      if (!old.videoId().equals(v.videoId())) {
        kept.add(old);
      }
    }
    kept.add(v);
    kept.sort(NEWEST_FIRST);
    if (kept.size() > maxVideos) {
      kept = kept.subList(0, maxVideos);
    }
    Set<String> tags = new LinkedHashSet<>(Arrays.asList(v.challenges()));
    tags.addAll(Arrays.asList(challenges));
    String[] bounded = tags.stream().limit(maxChallenges).toArray(String[]::new);
    return new UserHistory(kept.toArray(new UserVideo[0]), bounded);
  }

  /** Whether the user posted with the challenge's tag (as far as the bounded memory knows). */
  public boolean joined(String challenge) {
    for (String c : challenges) {
      if (c.equals(challenge)) {
        return true;
      }
    }
    for (UserVideo v : videos) {
      for (String c : v.challenges()) {
        if (c.equals(challenge)) {
          return true;
        }
      }
    }
    return false;
  }

  /** When the user last posted, or {@link Long#MIN_VALUE} with no videos. */
  public long lastActiveMillis() {
    return videos.length == 0 ? Long.MIN_VALUE : videos[0].createdAtMillis();
  }

  /** The kept videos that do not carry the challenge's tag, newest first. */
  public List<UserVideo> outside(String challenge) {
    List<UserVideo> out = new ArrayList<>(videos.length);
    for (UserVideo v : videos) {
      if (!Arrays.asList(v.challenges()).contains(challenge)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The user representation for a challenge (deepChallenger): the mean of the user's latest
   * videos outside it; null when there are none.
   */
  public float[] representationFor(String challenge) {
    List<UserVideo> outside = outside(challenge);
    if (outside.isEmpty()) {
      return null;
    }
    double[] sum = new double[outside.get(0).embedding().length];
    for (UserVideo v : outside) {
      float[] e = v.embedding();
      for (int i = 0; i < sum.length && i < e.length; i++) {
        sum[i] += e[i];
      }
    }
    return Embeddings.divide(sum, outside.size());
  }
}
