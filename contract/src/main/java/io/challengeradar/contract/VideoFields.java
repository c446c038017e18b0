package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/**
 * Fields of a {@code radar-videos} document: the post, its latest engagement counters, the
 * features derived from them and what the serving tier said about the video (null until then);
 * its caption embedding is in {@code radar-embeddings} under the same id.
 */
public final class VideoFields {
  public static final String VIDEO_ID = "videoId";
  public static final String AUTHOR_ID = "authorId";
  public static final String AUTHOR_HANDLE = "authorHandle";
  public static final String CREATED_AT = "createdAt";
  public static final String CAPTION = "caption";
  public static final String HASHTAGS = "hashtags";
  public static final String MUSIC_ID = "musicId";
  /**
   * Every hashtag and the sound of the video, filled by Elasticsearch from {@link #HASHTAGS} and
   * {@link #MUSIC_ID} ({@code copy_to}) and never written: the name the windows, alerts, stages
   * and participation give a challenge, so one filter on a challenge's tag also narrows its
   * videos (the dashboards' challenge control). Not in {@code _source}.
   */
  public static final String TAG = "tag";
  public static final String DURATION_SEC = "durationSec";
  public static final String FOLLOWER_COUNT = "followerCount";
  /** Written by the raw bulk path (a post as it came in); the job leaves it out. */
  public static final String THUMBNAIL_URL = "thumbnailUrl";
  public static final String LANGUAGE = "language";
  public static final String REGION = "region";

  public static final String OBSERVED_AT = "observedAt";
  public static final String VIEWS = "views";
  public static final String LIKES = "likes";
  public static final String COMMENTS = "comments";
  public static final String SHARES = "shares";
  public static final String DOWNLOADS = "downloads";
  public static final String VIEWS_DELTA = "viewsDelta";
  public static final String LIKES_DELTA = "likesDelta";
  public static final String COMMENTS_DELTA = "commentsDelta";
  public static final String SHARES_DELTA = "sharesDelta";
  public static final String VIEWS_PER_HOUR = "viewsPerHour";
  public static final String LIKES_PER_HOUR = "likesPerHour";
  public static final String COMMENTS_PER_HOUR = "commentsPerHour";
  public static final String SHARES_PER_HOUR = "sharesPerHour";
  public static final String VIEWS_ACCELERATION = "viewsAcceleration";
  public static final String ENGAGEMENT_RATE = "engagementRate";
  public static final String VIEWS_PER_FOLLOWER = "viewsPerFollower";
  public static final String AGE_HOURS = "ageHours";
  /** Engagement snapshots applied to the video. */
  public static final String SNAPSHOTS = "snapshots";
  /** The external write version: events applied so far, raised by the enrichment answer too. */
  public static final String VERSION = "version";
  public static final String UPDATED_AT = "updatedAt";

  /**
   * The encoder that embedded the caption; the vector itself is in {@code radar-embeddings}
   * ({@link EmbeddingFields}), written once, so the video's later writes do not index it again.
   */
  public static final String EMBEDDING_MODEL = "embeddingModel";
  /** True while the serving tier could not be reached; what {@code radar reenrich} looks for. */
  public static final String PENDING_ENRICHMENT = "pendingEnrichment";
  public static final String ENRICHED_AT = "enrichedAt";
  public static final String VIRALITY_AT_POST = "viralityAtPost";
  public static final String VIRALITY = "virality";
  public static final String VIRALITY_MODEL = "viralityModel";
  /**
   * Which head of the virality model scored the post: {@code author-history} (the author had
   * earlier videos) or {@code post-only}; absent for a model with one head.
   */
  public static final String VIRALITY_HEAD = "viralityHead";
  public static final String CLAIM_PROBABILITY = "claimProbability";
  public static final String CLAIMS_MODEL = "claimsModel";

  /** Both writers (the job and the raw bulk path) give every video these. */
  public static final DocumentFields FIELDS = DocumentFields.declaredIn(VideoFields.class,
      Set.of(VIDEO_ID, AUTHOR_ID, CREATED_AT), Map.of());

  private VideoFields() {}
}
