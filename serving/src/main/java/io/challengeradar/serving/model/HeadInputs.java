package io.challengeradar.serving.model;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What a head's input is made of, as its {@code model.properties} declares it, checked against the
 * text encoder in the store when the head loads: a head trained on another encoder's vectors is
 * refused with a clear message instead of scoring garbage.
 *
 * <ul>
 *   <li>{@code input.encoder}: the text encoder's model name (no check when absent);
 *   <li>{@code input.layout}: {@code pair} (user and challenge vectors, concatenated) or {@code
 *       vector} (one video vector followed by the extra features);
 *   <li>{@code input.features}: the extra features' names, comma-separated, in order;
 *   <li>{@code fallback.weights.file}, {@code fallback.input.features}: a second head of the same
 *       version, over the same encoder and layout, for items the first cannot take (the virality
 *       model's post-only head, for authors without history). Its input size must differ from
 *       the first's: an item's length says which head scores it.
 * </ul>
 */
public final class HeadInputs {

  /** Looks up an encoder's spec by model name. */
  @FunctionalInterface
  public interface Encoders {
    Optional<ModelSpec> newest(String name) throws IOException;
  }

  private HeadInputs() {}

  /**
   * @throws IOException naming the model, version and both sizes when they disagree, or the
   *     declared features the serving tier cannot compute ({@link PostFeatures#KNOWN})
   */
  public static void check(ModelSpec head, int inputDim, Encoders encoders) throws IOException {
    check(head, "input.features", features(head), inputDim, encoders);
  }

  /** {@link #check} for the fallback head ({@code fallback.input.features}). */
  public static void checkFallback(ModelSpec head, int inputDim, Encoders encoders)
      throws IOException {
    check(head, FALLBACK_FEATURES, fallbackFeatures(head), inputDim, encoders);
  }

  /** Whether the version declares a fallback head. */
  public static boolean hasFallback(ModelSpec head) {
    String f = head.properties().getProperty(FALLBACK_FILE);
    return f != null && !f.isBlank();
  }

  public static final String FALLBACK_FILE = "fallback.weights.file";
  public static final String FALLBACK_FEATURES = "fallback.input.features";

  private static void check(ModelSpec head, String key, List<String> declared, int inputDim,
      Encoders encoders) throws IOException {
    try {
      PostFeatures.checkKnown(declared);
    } catch (IllegalArgumentException e) {
      throw new IOException("model " + head.name() + " version " + head.version()
          + ": " + key + ": " + e.getMessage(), e);
    }
    String encoder = head.properties().getProperty("input.encoder");
    if (encoder == null || encoder.isBlank() || encoders == null) {
      return;
    }
    encoder = encoder.trim();
    String where = "model " + head.name() + " version " + head.version();
    ModelSpec enc =
        encoders
            .newest(encoder)
            .orElseThrow(
                () -> new IOException(where + " needs text encoder " + head.string("input.encoder", "")
                    + ", which is not in the model store"));
    if (enc.kind() != ModelKind.TEXT_ENCODER) {
      throw new IOException(where + ": input.encoder " + encoder + " is a " + enc.kind().key()
          + ", not a text-encoder");
    }
    int dim = enc.integer("dimension", SentenceEncoder.DEFAULT_DIMENSION);
    String layout = head.string("input.layout", "vector");
    int features = declared.size();
    int expected;
    switch (layout) {
      case "pair":
        expected = 2 * dim + features;
        break;
      case "vector":
        expected = dim + features;
        break;
      default:
        throw new IOException(where + ": input.layout must be pair or vector, was '" + layout + "'");
    }
    if (inputDim != expected) {
      throw new IOException(
          where + ": head takes " + inputDim + " inputs, but input.layout=" + layout + " over "
              + encoder + " version " + enc.version() + " (" + dim + "-d) with " + features
              + " extra feature(s) needs " + expected + "; retrain the head on this encoder");
    }
  }

  /** The declared extra features, in order. */
  public static List<String> features(ModelSpec head) {
    return list(head.properties().getProperty("input.features", ""));
  }

  /** The fallback head's extra features, in order; empty without a fallback. */
  public static List<String> fallbackFeatures(ModelSpec head) {
    return list(head.properties().getProperty(FALLBACK_FEATURES, ""));
  }

  private static List<String> list(String names) {
    String f = names.trim();
    return f.isEmpty() ? List.of() : List.of(f.split("\\s*,\\s*"));
  }
}
