package io.challengeradar.flink.model;

import java.time.Instant;

/**
 * What one applied event changed about a video: the new document, and what the trend windows need
 * from it (a new post, or views gained at a moment).
 *
 * @param change {@link #NEW_POST}, {@link #ENGAGEMENT}, {@link #SUPERSEDED} (a snapshot older
 *     than one already applied: counted, but it changes no feature) or {@link #ENRICHMENT} (the
 *     serving tier's answer arrived; no trend activity)
 * @param viewsGained views this event added (0 for posts and superseded snapshots)
 * @param changeTime event time of the change
 */
public record VideoUpdate(VideoDocument document, String change, long viewsGained, Instant changeTime) {
  public static final String NEW_POST = "new-post";
  public static final String ENGAGEMENT = "engagement";
  public static final String SUPERSEDED = "superseded";
  public static final String ENRICHMENT = "enrichment";
}
