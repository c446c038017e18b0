package io.challengeradar.serving.wire;

/**
 * What one request may hold; anything over a limit is refused with the field and the reason.
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

  public static final int DEFAULT_MAX_ITEMS = 256;
  public static final int DEFAULT_MAX_CAPTION_CHARS = 20_000;
  public static final int DEFAULT_MAX_IMAGE_BYTES = 4 << 20;
  public static final int DEFAULT_MAX_FRAMES = 16;
  public static final int DEFAULT_MAX_VECTORS_PER_SIDE = 512;

  public ServingLimits {
    positive("maxItems", maxItems);
    positive("maxCaptionChars", maxCaptionChars);
    positive("maxImageBytes", maxImageBytes);
    positive("maxFrames", maxFrames);
    positive("maxVectorsPerSide", maxVectorsPerSide);
  }

  public static ServingLimits defaults() {
    return new ServingLimits(
        DEFAULT_MAX_ITEMS,
        DEFAULT_MAX_CAPTION_CHARS,
        DEFAULT_MAX_IMAGE_BYTES,
        DEFAULT_MAX_FRAMES,
        DEFAULT_MAX_VECTORS_PER_SIDE);
  }

  public ServingLimits withMaxItems(int n) {
    return new ServingLimits(n, maxCaptionChars, maxImageBytes, maxFrames, maxVectorsPerSide);
  }

  public ServingLimits withMaxCaptionChars(int n) {
    return new ServingLimits(maxItems, n, maxImageBytes, maxFrames, maxVectorsPerSide);
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + v);
    }
  }
}
