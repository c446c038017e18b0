package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/**
 * Fields of a trend window: a document of {@code radar-hashtag-windows} or {@code
 * radar-sound-windows}, and each element of an alert's {@link AlertFields#WINDOWS}.
 */
public final class WindowFields {
  public static final String KIND = "kind";
  public static final String TAG = "tag";
  public static final String WINDOW_START = "windowStart";
  public static final String WINDOW_END = "windowEnd";
  public static final String NEW_POSTS = "newPosts";
  public static final String PARTICIPANTS = "participants";
  public static final String NEW_PARTICIPANTS = "newParticipants";
  public static final String CUMULATIVE_PARTICIPANTS = "cumulativeParticipants";
  public static final String VIEWS_GAINED = "viewsGained";
  public static final String PARTICIPANT_GROWTH = "participantGrowth";
  public static final String PREVIOUS_NEW_PARTICIPANTS = "previousNewParticipants";
  public static final String PREVIOUS_VIEWS_GAINED = "previousViewsGained";
  /** New participants of every tag of the kind in the window. */
  public static final String WINDOW_VOLUME = "windowVolume";
  /** The tag's new participants over the window volume. */
  public static final String SHARE = "share";
  /** New participants of the tag's recent windows (trend.recent-windows), this one included. */
  public static final String RECENT_NEW_PARTICIPANTS = "recentNewParticipants";
  /** Those over the volumes of the same windows. */
  public static final String RECENT_SHARE = "recentShare";
  /** The share the tag is expected to have (its past, with the population prior). */
  public static final String BASELINE_SHARE = "baselineShare";
  public static final String EXPECTED_NEW_PARTICIPANTS = "expectedNewParticipants";
  /** Recent share over baseline share. */
  public static final String LIFT = "lift";
  /**
   * Signed Poisson deviance of the recent new participants against the expected (about a
   * z-score).
   */
  public static final String SCORE = "score";
  public static final String PREVIOUS_SHARE = "previousShare";
  public static final String PREVIOUS_RECENT_SHARE = "previousRecentShare";
  public static final String PEAK_SCORE = "peakScore";
  /** The highest recent share of the tag's recent past: what FADING measures its fall against. */
  public static final String PEAK_RECENT_SHARE = "peakRecentShare";
  public static final String FIRST_SEEN = "firstSeen";
  public static final String SAMPLE_VIDEOS = "sampleVideos";
  public static final String EARLIEST_PARTICIPANTS = "earliestParticipants";

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(WindowFields.class,
      Set.of(KIND, TAG, WINDOW_START, WINDOW_END, NEW_POSTS, PARTICIPANTS, NEW_PARTICIPANTS,
          CUMULATIVE_PARTICIPANTS, VIEWS_GAINED, FIRST_SEEN),
      Map.of());

  private WindowFields() {}
}
