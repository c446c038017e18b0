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
 */
public record ServingLimits(
    int maxItems, int maxCaptionChars, int maxImageBytes, int maxFrames, int maxVectorsPerSide) {

  public ServingLimits {
    positive("maxItems", maxItems);
    positive("maxCaptionChars", maxCaptionChars);
    positive("maxImageBytes", maxImageBytes);
    positive("maxFrames", maxFrames);
    positive("maxVectorsPerSide", maxVectorsPerSide);
  }

  public static ServingLimits from(Config settings) {
    return new ServingLimits(
        settings.get(ServingSettings.MAX_ITEMS),
        settings.get(ServingSettings.MAX_CAPTION_CHARS),
        settings.get(ServingSettings.MAX_IMAGE_BYTES),
        settings.get(ServingSettings.MAX_FRAMES),
        settings.get(ServingSettings.MAX_VECTORS_PER_SIDE));
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + v);
    }
  }
}
