package io.challengeradar.serving.api;

import io.challengeradar.config.Config;
import io.challengeradar.serving.ServingSettings;

/**
 * What one request may hold; anything over a limit is refused with the field and the reason.
 * {@link ServingSettings} defines each limit and its default.
 *
 * @param maxItems most videos or pairs in one request
 * @param maxCaptionChars longest caption accepted at all; captions within it but over the model's
 *     token limit are truncated and the response says so
 * @param maxImageBytes largest decoded image
 * @param maxFrames most frames (thumbnail included) per video
 * @param maxVectorsPerSide most video vectors averaged into one user or challenge
 * @param maxImagePixels most pixels of one image, read from its header
 * @param maxRequestPixels most pixels of every image of the request together (the decoded-pixel
 *     budget), read from the headers before any image is decoded
 */
public record ServingLimits(int maxItems, int maxCaptionChars, int maxImageBytes, int maxFrames,
    int maxVectorsPerSide, long maxImagePixels, long maxRequestPixels) {

  public ServingLimits {
    positive("maxItems", maxItems);
    positive("maxCaptionChars", maxCaptionChars);
    positive("maxImageBytes", maxImageBytes);
    positive("maxFrames", maxFrames);
    positive("maxVectorsPerSide", maxVectorsPerSide);
    positive("maxImagePixels", maxImagePixels);
    positive("maxRequestPixels", maxRequestPixels);
  }

  /** The pixel limits at their defaults. */
  public ServingLimits(
      int maxItems, int maxCaptionChars, int maxImageBytes, int maxFrames, int maxVectorsPerSide) {
    this(maxItems, maxCaptionChars, maxImageBytes, maxFrames, maxVectorsPerSide,
        ServingSettings.MAX_IMAGE_PIXELS.defaultValue(),
        ServingSettings.MAX_REQUEST_PIXELS.defaultValue());
  }

  public static ServingLimits from(Config settings) {
    return new ServingLimits(
        settings.get(ServingSettings.MAX_ITEMS),
        settings.get(ServingSettings.MAX_CAPTION_CHARS),
        settings.get(ServingSettings.MAX_IMAGE_BYTES),
        settings.get(ServingSettings.MAX_FRAMES),
        settings.get(ServingSettings.MAX_VECTORS_PER_SIDE),
        settings.get(ServingSettings.MAX_IMAGE_PIXELS),
        settings.get(ServingSettings.MAX_REQUEST_PIXELS));
  }

  private static void positive(String name, long v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + v);
    }
  }
}
