package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/**
 * Fields of a {@code radar-challenge-alerts} document: a CEP match, with the window series that
 * completed it and, once assessed, its risk.
 */
public final class AlertFields {
  public static final String ID = "id";
  public static final String KIND = "kind";
  public static final String TAG = "tag";
  public static final String STAGE = "stage";
  /** The end of the window that completed the match (event time). */
  public static final String DETECTED_AT = "detectedAt";
  public static final String FIRST_SEEN = "firstSeen";
  /** The matched windows, oldest first: objects with the {@link WindowFields}. */
  public static final String WINDOWS = "windows";
  public static final String SAMPLE_VIDEOS = "sampleVideos";
  public static final String EARLIEST_PARTICIPANTS = "earliestParticipants";
  public static final String RISK = "risk";
  public static final String NEAREST_HARMFUL = "nearestHarmful";
  public static final String REPRESENTATION_VIDEOS = "representationVideos";

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(AlertFields.class,
      Set.of(ID, KIND, TAG, STAGE, DETECTED_AT, FIRST_SEEN, WINDOWS, REPRESENTATION_VIDEOS),
      Map.of(WINDOWS, WindowFields.FIELDS));

  private AlertFields() {}
}
