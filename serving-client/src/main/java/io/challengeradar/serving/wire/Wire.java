package io.challengeradar.serving.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON wire format of the serving API, shared by the server and {@link
 * io.challengeradar.serving.client.ServingClient}. Version 1; unknown fields are refused in
 * requests ({@link WireJson}).
 */
public final class Wire {

  private Wire() {}

  /**
   * The longest caption a serving tier with default limits accepts (the default of its {@code
   * serving.max-caption-chars}): clients that cannot ask cut captions to it.
   */
  public static final int DEFAULT_MAX_CAPTION_CHARS = 20_000;

  /** POST /v1/embed. {@code model} is optional: the text encoder in service when absent. */
  public record EmbedRequest(String model, List<Video> videos) {}

  /**
   * One video to embed.
   *
   * @param caption the caption text (required)
   * @param image an optional thumbnail, base64 (PNG, JPEG, GIF or BMP)
   * @param frames optional frames, base64; the visual vector is the mean over image and frames
   */
  public record Video(String caption, String image, List<String> frames) {
    public static Video caption(String caption) {
      return new Video(caption, null, null);
    }
  }

  /**
   * The answer to {@link EmbedRequest}: one vector per video, in order.
   *
   * @param notes what was changed in the input (e.g. a caption truncated to the token limit)
   * @param visual visual vectors, present when any video had an image or frames
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EmbedResponse(
      String model,
      String version,
      int dimension,
      List<float[]> vectors,
      List<Note> notes,
      VisualVectors visual) {}

  /** Visual vectors, {@code null} for videos without images. */
  public record VisualVectors(String model, String version, int dimension, List<float[]> vectors) {}

  /** Something the server did to an input without refusing it. */
  public record Note(int index, String field, String message) {}

  /** POST /v1/score/participation. */
  public record ParticipationRequest(String model, List<Pair> pairs) {}

  /**
   * A user and a challenge, each given either as a representation vector or as the vectors of
   * their videos (averaged).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Pair(
      float[] user, List<float[]> userVideos, float[] challenge, List<float[]> challengeVideos) {}

  /** POST /v1/score/virality. */
  public record ViralityRequest(String model, List<VideoVector> videos) {}

  public record VideoVector(float[] vector) {}

  /** A probability per item, in order. */
  public record ScoreResponse(String model, String version, List<Float> probabilities) {}

  /** POST /v1/enrich: everything the serving tier can say about new posts, in one call. */
  public record EnrichRequest(List<EnrichPost> posts) {}

  /**
   * One post's raw fields; the server computes the heads' features from them (its {@code
   * PostFeatures}).
   *
   * @param videoId echoed in the answer (required)
   * @param caption the caption, may be empty (required)
   * @param createdAt when the video was posted, ISO-8601 (required)
   * @param musicOriginal whether the sound is the author's own; false when absent
   * @param views engagement counters: optional, 0 when absent (a new post has none)
   * @param verified whether the author is verified; false when absent
   * @param authorBanStatus {@code active}, {@code under review} or {@code banned}; active when
   *     absent
   * @param authorHistory what the caller knows of the author's earlier videos ({@link
   *     AuthorTrack#summaryAt}); absent for callers that keep none, which the server treats as a
   *     new author
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnrichPost(
      String videoId,
      String caption,
      List<String> hashtags,
      String musicId,
      Boolean musicOriginal,
      Integer durationSec,
      Long followerCount,
      String createdAt,
      Long views,
      Long likes,
      Long shares,
      Long downloads,
      Long comments,
      Boolean verified,
      String authorBanStatus,
      AuthorHistory authorHistory) {

    /** A post without the author's history (the form before the history was added). */
    public EnrichPost(String videoId, String caption, List<String> hashtags, String musicId,
        Boolean musicOriginal, Integer durationSec, Long followerCount, String createdAt,
        Long views, Long likes, Long shares, Long downloads, Long comments, Boolean verified,
        String authorBanStatus) {
      this(videoId, caption, hashtags, musicId, musicOriginal, durationSec, followerCount,
          createdAt, views, likes, shares, downloads, comments, verified, authorBanStatus, null);
    }

    /** This post with the author's history as of its post time. */
    public EnrichPost withAuthorHistory(AuthorHistory history) {
      return new EnrichPost(videoId, caption, hashtags, musicId, musicOriginal, durationSec,
          followerCount, createdAt, views, likes, shares, downloads, comments, verified,
          authorBanStatus, history);
    }

    /** A post as it is published: no engagement, nothing known about the author's standing. */
    public static EnrichPost atPost(
        String videoId,
        String caption,
        List<String> hashtags,
        String musicId,
        Integer durationSec,
        Long followerCount,
        String createdAt) {
      return new EnrichPost(videoId, caption, hashtags, musicId, null, durationSec, followerCount,
          createdAt, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * An author's earlier videos, summarised as of a post's time by {@link AuthorTrack}: only
   * videos posted before it and observed before it count.
   *
   * @param count earlier videos with an observation (the history head needs at least 1)
   * @param meanLogViews mean of ln(1 + views) over them, at each one's latest observation
   * @param sdLogViews their population standard deviation (0 for one video)
   * @param meanEngagementRate mean of (likes + comments + shares) / views over them
   * @param meanGapHours the author's posting cadence: hours from their earliest kept earlier post
   *     to this post, divided by the number of earlier posts (0 with none)
   */
  public record AuthorHistory(
      int count,
      double meanLogViews,
      double sdLogViews,
      double meanEngagementRate,
      double meanGapHours) {

    /** A new author, as far as the caller knows. */
    public static final AuthorHistory NONE = new AuthorHistory(0, 0, 0, 0, 0);
  }

  /**
   * The answer to {@link EnrichRequest}: one result per post, in order.
   *
   * @param embeddingModel {@code name/version} of the text encoder
   * @param viralityModel {@code name/version} of the virality head; null when none is served
   * @param viralityRatioCut the head's {@code label.ratio.cut} (views per follower that counts
   *     as viral); null when no head or the head does not say
   * @param claimsModel {@code name/version} of the claims head; null when none is served
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnrichResponse(
      String embeddingModel,
      String viralityModel,
      Double viralityRatioCut,
      String claimsModel,
      List<EnrichedPost> posts,
      List<Note> notes) {}

  /**
   * @param embedding the caption vector (the hashtags' when the caption is empty)
   * @param virality probability that the video goes viral; null without a virality head
   * @param claimProbability probability that the caption states a claim; null without a claims
   *     head
   * @param viralityHead which of the virality model's heads scored the post: {@code
   *     author-history} (the request carried at least one earlier video) or {@code post-only};
   *     null without a virality head or for a model with one head
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnrichedPost(
      String videoId, float[] embedding, Float virality, Float claimProbability,
      String viralityHead) {

    public EnrichedPost(String videoId, float[] embedding, Float virality, Float claimProbability) {
      this(videoId, embedding, virality, claimProbability, null);
    }
  }

  /** GET /v1/models. */
  public record ModelsResponse(List<ModelInfo> models) {}

  public record ModelInfo(
      String name,
      String version,
      String kind,
      String engine,
      String device,
      int dimension,
      int maxBatchSize,
      long maxBatchDelayMs,
      int queueCapacity,
      int queueDepth,
      int workers,
      String loadedAt) {}

  /** Every error body. {@code field} and {@code reason} are set for bad input. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorResponse(String error, String message, String field, String reason) {}
}
