package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A tag entered a lifecycle stage: a CEP match that the lifecycle let through (see {@link
 * io.challengeradar.flink.ops.StageLifecycle}). The id is the tag, the stage and the end of the
 * window it was raised in, so a replay writes the same alert again instead of a second one.
 *
 * @param detectedAt end of the window the alert was raised in (event time)
 * @param cycle the tag's lifecycle cycle, from 1; a new cycle starts with EMERGING after FADING
 *     (0 on a match the lifecycle has not yet let through)
 * @param windows the matched window series, oldest first; the last one triggered the match
 * @param evidence why: the figures of the triggering windows
 */
@TypeInfo(ChallengeAlertSerializer.Factory.class)
public record ChallengeAlert(
    String id,
    TagKind kind,
    String tag,
    Stage stage,
    Instant detectedAt,
    Instant firstSeen,
    int cycle,
    @JsonUnwrapped Evidence evidence,
    WindowStats[] windows,
    String[] sampleVideos,
    String[] earliestParticipants) {

  /**
   * The figures that made the match, written flat into the alert's document.
   *
   * @param share the tag's recent share (its recent windows' new participants over their volume)
   *     at the last matched window: what the score and the lift measure
   * @param baselineShare the share it was expected to have there
   * @param score the Poisson score of the last matched window
   * @param distinctAuthors authors new to the tag over the matched windows (each author is new to
   *     a tag once, so these are distinct authors)
   * @param newParticipants new participants of the last matched window
   * @param windowVolume new participants of all tags of the kind in the last matched window
   * @param triggerWindows start of each matched window, oldest first
   */
  public record Evidence(
      double share,
      double baselineShare,
      double score,
      long distinctAuthors,
      long newParticipants,
      long windowVolume,
      Instant[] triggerWindows) {

    /** The evidence of a match on {@code windows} (oldest first). */
    public static Evidence of(WindowStats[] windows) {
      WindowStats last = windows[windows.length - 1];
      long authors = 0;
      Instant[] starts = new Instant[windows.length];
      for (int i = 0; i < windows.length; i++) {
        authors += windows[i].counts().newParticipants();
        starts[i] = windows[i].windowStart();
      }
      return new Evidence(last.trend().recentShare(), last.trend().baselineShare(),
          last.trend().score(), authors, last.counts().newParticipants(),
          last.trend().windowVolume(), starts);
    }
  }

  public ChallengeAlert {
    Objects.requireNonNull(evidence, "evidence");
  }

  public static String idFor(TagKind kind, String tag, Stage stage, Instant windowEnd) {
    return Ids.join(kind.wire(), tag, stage.name(), windowEnd.toEpochMilli());
  }

  /** A match of {@code stage} on {@code windows} (oldest first), before the lifecycle saw it. */
  public static ChallengeAlert match(Stage stage, WindowStats[] windows, String[] sampleVideos) {
    WindowStats trigger = windows[windows.length - 1];
    return new ChallengeAlert(
        idFor(trigger.kind(), trigger.tag(), stage, trigger.windowEnd()), trigger.kind(),
        trigger.tag(), stage, trigger.windowEnd(), trigger.firstSeen(), 0,
        Evidence.of(windows), windows, sampleVideos, trigger.earliestParticipants());
  }

  /** This match raised in cycle {@code n} at the end of the window {@code raisedAt}. */
  public ChallengeAlert raised(int n, Instant raisedAt) {
    return new ChallengeAlert(idFor(kind, tag, stage, raisedAt), kind, tag, stage, raisedAt,
        firstSeen, n, evidence, windows, sampleVideos, earliestParticipants);
  }

  public String key() {
    return kind.wire() + ":" + tag;
  }

  public WindowStats trigger() {
    return windows[windows.length - 1];
  }
}
