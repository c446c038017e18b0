package io.challengeradar.flink.model;

import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import java.time.Instant;

/**
 * The current lifecycle stage of a tag in {@code radar-hashtags}; one document per tag, replaced by
 * each newer alert (its {@code since} is the write version, so an older alert never wins).
 *
 * @param growth the trigger window's participant growth
 * @param newParticipants the trigger window's new participants
 * @param cycle the alert's lifecycle cycle
 * @param score the alert's score (its evidence, as {@code share}, {@code baselineShare} and
 *     {@code distinctAuthors})
 * @param representation the challenge representation (mean caption embedding of its videos) when
 *     the alert was assessed; null when no video of the tag had an embedding yet
 * @param representationVideos how many videos the representation is the mean of
 * @param risk highest cosine similarity of the representation to a harmful-challenge description;
 *     null when unknown (no representation, or the descriptions could not be embedded)
 * @param nearestHarmful the name of that description, null with {@code risk}
 */
public record HashtagStage(
    TagKind kind,
    String tag,
    Stage stage,
    Instant since,
    Instant firstSeen,
    long cumulativeParticipants,
    String alertId,
    double growth,
    long newParticipants,
    int cycle,
    double score,
    double share,
    double baselineShare,
    long distinctAuthors,
    float[] representation,
    long representationVideos,
    Double risk,
    String nearestHarmful) {

  public String id() {
    return Ids.join(kind.wire(), tag);
  }

  /** The stage an alert puts its tag in, before (or without) any assessment. */
  public static HashtagStage of(ChallengeAlert alert) {
    return of(alert, null, 0, null, null);
  }

  /** The stage an assessed alert puts its tag in. */
  public static HashtagStage of(ChallengeAssessment a) {
    return of(a.alert(), a.representation(), a.representationVideos(), a.risk(),
        a.nearestHarmful());
  }

  private static HashtagStage of(ChallengeAlert alert, float[] representation,
      long representationVideos, Double risk, String nearestHarmful) {
    WindowStats trigger = alert.trigger();
    return new HashtagStage(alert.kind(), alert.tag(), alert.stage(), alert.detectedAt(),
        alert.firstSeen(), trigger.counts().cumulativeParticipants(), alert.id(),
        trigger.counts().participantGrowth(), trigger.counts().newParticipants(), alert.cycle(),
        alert.evidence().score(), alert.evidence().share(), alert.evidence().baselineShare(),
        alert.evidence().distinctAuthors(), representation,
        representationVideos, risk, nearestHarmful);
  }
}
