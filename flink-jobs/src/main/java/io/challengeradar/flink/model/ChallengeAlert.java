package io.challengeradar.flink.model;

import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import java.time.Instant;

/**
 * A CEP match: a tag entered a stage. The id is the tag, the stage and the end of the window that
 * completed the match, so a replay writes the same alert again instead of a second one.
 *
 * @param detectedAt end of the window that completed the match (event time)
 * @param windows the matched window series, oldest first; the last one triggered the alert
 */
public record ChallengeAlert(
    String id,
    TagKind kind,
    String tag,
    Stage stage,
    Instant detectedAt,
    Instant firstSeen,
    WindowStats[] windows,
    String[] sampleVideos,
    String[] earliestParticipants) {

  public static String idFor(TagKind kind, String tag, Stage stage, Instant windowEnd) {
    return Ids.join(kind.wire(), tag, stage.name(), windowEnd.toEpochMilli());
  }

  public WindowStats trigger() {
    return windows[windows.length - 1];
  }
}
