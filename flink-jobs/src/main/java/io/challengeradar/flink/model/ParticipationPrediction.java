package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import java.time.Instant;

/**
 * How likely a user is to join a challenge, from one scoring round. One document per challenge
 * and user in {@code radar-participation}, rewritten by every later round that ranks the user
 * again; the external version is the round's detection time, so an older round never overwrites
 * a newer one. A user a newer round no longer ranks keeps the older round's document: readers
 * take a challenge's newest {@code round}.
 *
 * @param challenge {@code <kind>:<tag>}
 * @param rank 1 for the likeliest participant of the round
 * @param stage the stage of the alert that started the round
 * @param round the id of that alert
 * @param roundAt the alert's detection time (event time), the write version; not a field of the
 *     document
 * @param scoredAt when the serving tier scored the round (processing time)
 * @param userVideos how many of the user's videos, all outside the challenge, made up the user
 *     representation
 */
public record ParticipationPrediction(
    TagKind kind,
    String tag,
    String challenge,
    String userId,
    double probability,
    int rank,
    Stage stage,
    String round,
    @JsonIgnore Instant roundAt,
    String model,
    String modelVersion,
    Instant scoredAt,
    int userVideos) {

  public String id() {
    return Ids.join(challenge, userId);
  }
}
