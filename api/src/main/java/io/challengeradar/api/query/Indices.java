package io.challengeradar.api.query;

/** The index names the pipeline writes (the templates in core are the contract). */
public final class Indices {
  public static final String VIDEOS = "radar-videos";
  public static final String HASHTAGS = "radar-hashtags";
  public static final String HASHTAG_WINDOWS = "radar-hashtag-windows";
  public static final String SOUND_WINDOWS = "radar-sound-windows";
  public static final String ALERTS = "radar-challenge-alerts";
  public static final String PARTICIPATION = "radar-participation";

  private Indices() {}
}
