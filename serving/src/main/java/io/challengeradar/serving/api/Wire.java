package io.challengeradar.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON wire format of the serving API, shared by the server and {@link
 * io.challengeradar.serving.client.ServingClient}. Version 1; unknown fields are refused.
 */
public final class Wire {

  private Wire() {}

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
