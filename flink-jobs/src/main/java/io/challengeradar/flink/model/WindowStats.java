package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.challengeradar.contract.TagKind;
import java.time.Instant;
import java.util.Objects;

/**
 * The activity of one tag in one event-time window, with what growth is measured against. The
 * counts and the trend are written flat into the window's document (and into an alert's windows).
 *
 * @param firstSeen start of the first window the tag appeared in
 * @param sampleVideos a few videos posted in the window, first come first kept
 * @param earliestParticipants the first authors ever seen with the tag
 */
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
   * How the tag's new participants compare with its usual; see {@link
   * io.challengeradar.flink.ops.SurgeMeter}.
   *
   * @param recentNewParticipants new participants of the last {@code trend.recent-windows}
   *     windows, this one included
   * @param baselineNewParticipants the tag's usual new participants per window before those
   *     (moving average; 0 while the tag is too young to have one)
   * @param surge recentNewParticipants over what the baseline expects in as many windows (0
   *     while the tag has no baseline)
   * @param peakSurge the highest surge of the tag's recent past (this window included)
   */
  public record Trend(
      long recentNewParticipants,
      double baselineNewParticipants,
      double surge,
      double peakSurge) {}

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
