package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.challengeradar.contract.TagKind;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The activity of one tag in one event-time window, with what growth is measured against. The
 * counts and the trend are written flat into the window's document (and into an alert's windows).
 *
 * @param firstSeen start of the first window the tag appeared in
 * @param sampleVideos a few videos posted in the window, first come first kept
 * @param earliestParticipants the first authors ever seen with the tag
 */
@TypeInfo(WindowStatsSerializer.Factory.class)
public record WindowStats(
    TagKind kind,
    String tag,
    Instant windowStart,
    Instant windowEnd,
    @JsonUnwrapped Counts counts,
    @JsonUnwrapped Trend trend,
    Instant firstSeen,
    String[] sampleVideos,
    String[] earliestParticipants) {

  /**
   * What happened in the window, and in the window before it.
   *
   * @param newPosts posts with the tag created in the window
   * @param participants distinct authors who posted with the tag in the window
   * @param newParticipants of those, authors never seen with the tag in an earlier window
   * @param cumulativeParticipants distinct authors ever seen with the tag, this window included
   * @param viewsGained views gained in the window by the tag's videos
   * @param participantGrowth newParticipants over the participants before this window (at
   *     least 1)
   * @param previousNewParticipants newParticipants of the previous window (0 if none)
   * @param previousViewsGained viewsGained of the previous window (0 if none)
   */
  public record Counts(
      long newPosts,
      long participants,
      long newParticipants,
      long cumulativeParticipants,
      long viewsGained,
      double participantGrowth,
      long previousNewParticipants,
      long previousViewsGained) {}

  /**
   * The tag's share of the window volume over its recent windows, against the share it usually
   * has; see {@link io.challengeradar.flink.ops.ShareMeter}. All zero until the detector has
   * measured the window ({@link io.challengeradar.flink.ops.TrendWindows} emits {@link #NONE}).
   *
   * @param windowVolume new participants of every tag of this kind in the window (summed over
   *     tags: an author new to two tags counts twice, as in each tag's own count)
   * @param share newParticipants over windowVolume
   * @param recentNewParticipants new participants of the tag's last {@code trend.recent-windows}
   *     windows, this one included (authors new to the tag: distinct authors)
   * @param recentShare those over the volumes of the same windows
   * @param baselineShare the share the tag is expected to have: its own shares before the recent
   *     windows (volume weighted, moving), pulled towards the population's prior
   * @param expectedNewParticipants baselineShare times the recent windows' volume
   * @param lift recentShare over baselineShare
   * @param score signed Poisson deviance score of recentNewParticipants against the expected:
   *     about a z-score, positive when the tag runs above its usual share (0 in the warm-up)
   * @param previousShare the share of the tag's previous window (0 if none)
   * @param previousRecentShare the recentShare of the tag's previous window (0 if none)
   * @param peakScore the highest score of the tag's current surge (this window included), held
   *     for as long as its cycle lasts; for a tag that has not surged, of its recent past
   * @param peakRecentShare the highest recent share of the same span: FADING asks for the recent
   *     share to fall well below it
   */
  public record Trend(
      long windowVolume,
      double share,
      long recentNewParticipants,
      double recentShare,
      double baselineShare,
      double expectedNewParticipants,
      double lift,
      double score,
      double previousShare,
      double previousRecentShare,
      double peakScore,
      double peakRecentShare) {

    /** Not measured yet. */
    public static final Trend NONE = new Trend(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** This window with the detector's figures. */
  public WindowStats withTrend(Trend measured) {
    return new WindowStats(kind, tag, windowStart, windowEnd, counts, measured, firstSeen,
        sampleVideos, earliestParticipants);
  }

  public WindowStats {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(trend, "trend");
  }

  public String key() {
    return kind.wire() + ":" + tag;
  }

  public String id() {
    return Ids.join(kind.wire(), tag, windowStart.toEpochMilli());
  }

  public String index() {
    return kind.windowIndex();
  }
}
