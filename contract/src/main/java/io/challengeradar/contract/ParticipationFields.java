package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/** Fields of a {@code radar-participation} document: one user's chance to join one challenge. */
public final class ParticipationFields {
  public static final String KIND = "kind";
  public static final String TAG = "tag";
  /** {@code <kind>:<tag>}. */
  public static final String CHALLENGE = "challenge";
  public static final String USER_ID = "userId";
  public static final String PROBABILITY = "probability";
  /** 1 for the likeliest participant of the round. */
  public static final String RANK = "rank";
  public static final String STAGE = "stage";
  /** The id of the alert that started the scoring round. */
  public static final String ROUND = "round";
  public static final String MODEL = "model";
  public static final String MODEL_VERSION = "modelVersion";
  public static final String SCORED_AT = "scoredAt";
  public static final String USER_VIDEOS = "userVideos";

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(ParticipationFields.class,
      Set.of(KIND, TAG, CHALLENGE, USER_ID, PROBABILITY, RANK, STAGE, ROUND, SCORED_AT,
          USER_VIDEOS),
      Map.of());

  private ParticipationFields() {}
}
