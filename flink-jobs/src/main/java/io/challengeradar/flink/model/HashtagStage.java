package io.challengeradar.flink.model;

import java.time.Instant;

/**
 * The current lifecycle stage of a tag in {@code radar-hashtags}; one document per tag, replaced by
 * each newer alert (its {@code since} is the write version, so an older alert never wins).
 */
public record HashtagStage(
    TagKind kind,
    String tag,
    Stage stage,
    Instant since,
    Instant firstSeen,
    long cumulativeParticipants,
    String alertId) {

  public static final String INDEX = "radar-hashtags";

  public String id() {
    return Ids.join(kind.wire(), tag);
  }

  public static HashtagStage of(ChallengeAlert alert) {
    return new HashtagStage(alert.kind(), alert.tag(), alert.stage(), alert.detectedAt(),
        alert.firstSeen(), alert.trigger().cumulativeParticipants(), alert.id());
  }
}
