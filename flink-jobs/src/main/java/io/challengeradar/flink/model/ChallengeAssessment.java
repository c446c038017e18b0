package io.challengeradar.flink.model;

/**
 * A challenge alert with what the challenge's videos say about it: the challenge representation
 * at the time of the alert and its risk. Written to {@code radar-challenge-alerts} under the
 * alert's id, and broadcast to the participation scoring.
 *
 * @param representation mean caption embedding of the challenge's videos seen so far; null when
 *     none of them had an embedding yet
 * @param representationVideos how many videos the representation is the mean of
 * @param risk highest cosine similarity of the representation to the harmful-challenge
 *     descriptions; null when unknown
 * @param nearestHarmful the name of the description with that similarity; null with {@code risk}
 */
public record ChallengeAssessment(
    ChallengeAlert alert,
    float[] representation,
    long representationVideos,
    Double risk,
    String nearestHarmful) {

  /** The challenge's key, {@code <kind>:<tag>}, as trend windows and representations use it. */
  public String challenge() {
    return Ids.join(alert.kind().wire(), alert.tag());
  }
}
