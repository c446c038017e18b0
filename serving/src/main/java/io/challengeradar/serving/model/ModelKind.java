package io.challengeradar.serving.model;

/** What a model in the store does; decides which loader and which API endpoint serve it. */
public enum ModelKind {
  /** Caption text to a unit vector (all-MiniLM-L6-v2 by default). */
  TEXT_ENCODER("text-encoder"),
  /** Frames or a thumbnail to one vector (mean over frames). */
  VISUAL_ENCODER("visual-encoder"),
  /** User and challenge representations to the probability that the user joins. */
  PARTICIPATION_HEAD("participation-head"),
  /** A video representation to the probability that it goes viral. */
  VIRALITY_HEAD("virality-head"),
  /** A transcription vector and engagement features to the probability that a video states a claim. */
  CLAIMS_HEAD("claims-head");

  private final String key;

  ModelKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static ModelKind fromKey(String key) {
    for (ModelKind k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "kind must be one of text-encoder, visual-encoder, participation-head, virality-head,"
            + " claims-head; was "
            + key);
  }
}
