package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/** Fields of a {@code radar-engagement} document: one video's counters at one moment. */
public final class EngagementFields {
  public static final String VIDEO_ID = "videoId";
  public static final String OBSERVED_AT = "observedAt";
  public static final String VIEWS = "views";
  public static final String LIKES = "likes";
  public static final String COMMENTS = "comments";
  public static final String SHARES = "shares";
  public static final String DOWNLOADS = "downloads";

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(EngagementFields.class,
      Set.of(VIDEO_ID, OBSERVED_AT), Map.of());

  private EngagementFields() {}
}
