package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/**
 * Fields of a {@code radar-hashtags} document: the current lifecycle stage of one hashtag or sound
 * (a challenge), with its representation and risk once assessed.
 */
public final class StageFields {
  public static final String KIND = "kind";
  public static final String TAG = "tag";
  public static final String STAGE = "stage";
  /** When the tag entered its stage; also the write version. */
  public static final String SINCE = "since";
  public static final String FIRST_SEEN = "firstSeen";
  public static final String CUMULATIVE_PARTICIPANTS = "cumulativeParticipants";
  public static final String ALERT_ID = "alertId";
  public static final String GROWTH = "growth";
  public static final String NEW_PARTICIPANTS = "newParticipants";
  /** The alert's lifecycle cycle. */
  public static final String CYCLE = "cycle";
  /** The alert's score, share and baseline share (its evidence). */
  public static final String SCORE = "score";
  public static final String SHARE = "share";
  public static final String BASELINE_SHARE = "baselineShare";
  public static final String DISTINCT_AUTHORS = "distinctAuthors";
  /** The mean caption embedding of the challenge's videos (kNN-searchable). */
  public static final String REPRESENTATION = "representation";
  public static final String REPRESENTATION_VIDEOS = "representationVideos";
  public static final String RISK = "risk";
  public static final String NEAREST_HARMFUL = "nearestHarmful";

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(StageFields.class,
      Set.of(KIND, TAG, STAGE, SINCE, FIRST_SEEN, CUMULATIVE_PARTICIPANTS, ALERT_ID, GROWTH,
          NEW_PARTICIPANTS, CYCLE, SCORE, SHARE, BASELINE_SHARE, DISTINCT_AUTHORS,
          REPRESENTATION_VIDEOS),
      Map.of());

  private StageFields() {}
}
