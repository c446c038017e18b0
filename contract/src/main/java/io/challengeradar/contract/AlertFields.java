package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/**
 * Fields of a {@code radar-challenge-alerts} document: a stage transition of a tag (a CEP match
 * the lifecycle raised), with its evidence, the window series that completed it and, once
 * assessed, its risk.
 */
public final class AlertFields {
  public static final String ID = "id";
  public static final String KIND = "kind";
  public static final String TAG = "tag";
  public static final String STAGE = "stage";
  /** The end of the window that completed the match (event time). */
  public static final String DETECTED_AT = "detectedAt";
  public static final String FIRST_SEEN = "firstSeen";
  /** The tag's lifecycle cycle, from 1; a new one opens with EMERGING after FADING. */
  public static final String CYCLE = "cycle";
  /** Evidence: the tag's recent share of the window volume at the last matched window. */
  public static final String SHARE = "share";
  /** Evidence: the share it was expected to have there. */
  public static final String BASELINE_SHARE = "baselineShare";
  /** Evidence: the score of the last matched window. */
  public static final String SCORE = "score";
  /** Evidence: authors new to the tag over the matched windows. */
  public static final String DISTINCT_AUTHORS = "distinctAuthors";
  /** Evidence: new participants of the last matched window. */
  public static final String NEW_PARTICIPANTS = "newParticipants";
  /** Evidence: the volume of the last matched window. */
  public static final String WINDOW_VOLUME = "windowVolume";
  /** Evidence: the start of each matched window, oldest first. */
  public static final String TRIGGER_WINDOWS = "triggerWindows";
  /** The matched windows, oldest first: objects with the {@link WindowFields}. */
  public static final String WINDOWS = "windows";
  public static final String SAMPLE_VIDEOS = "sampleVideos";
  public static final String EARLIEST_PARTICIPANTS = "earliestParticipants";
  public static final String RISK = "risk";
  public static final String NEAREST_HARMFUL = "nearestHarmful";
  public static final String REPRESENTATION_VIDEOS = "representationVideos";

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(AlertFields.class,
      Set.of(ID, KIND, TAG, STAGE, DETECTED_AT, FIRST_SEEN, CYCLE, SHARE, BASELINE_SHARE, SCORE,
          DISTINCT_AUTHORS, NEW_PARTICIPANTS, WINDOW_VOLUME, TRIGGER_WINDOWS, WINDOWS,
          REPRESENTATION_VIDEOS),
      Map.of(WINDOWS, WindowFields.FIELDS));

  private AlertFields() {}
}
