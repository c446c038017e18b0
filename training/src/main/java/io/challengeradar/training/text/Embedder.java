package io.challengeradar.training.text;

import io.challengeradar.core.util.Progress;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.engine.BatchPredictor;
import io.challengeradar.serving.engine.BatchingOptions;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.ModelStore;
import io.challengeradar.serving.model.SentenceEncoder;
import io.challengeradar.serving.model.TextEncoderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Captions to MiniLM vectors through the serving tier's own {@link SentenceEncoder} (so training
 * and serving see the same vectors), with an {@link EmbeddingCache}. The encoder is loaded only
 * when some text is not cached yet. Texts are encoded shortest first, so a batch pads little.
 */
public final class Embedder implements AutoCloseable {

  public static final int DEFAULT_BATCH = 32;
  public static final String ENCODER_NAME = "minilm";

  private final ModelSpec spec;
  private final EmbeddingCache cache;
  private SentenceEncoder encoder;
  private BatchPredictor<String, SentenceEncoder.Embedding> predictor;

  private Embedder(ModelSpec spec, EmbeddingCache cache) {
    this.spec = spec;
    this.cache = cache;
  }

  /**
   * @param store the serving model store holding the text encoder
   * @param cacheDir folder of the embedding cache files
   */
  public static Embedder open(Path store, Path cacheDir) throws IOException {
    return open(store, cacheDir, ENCODER_NAME);
  }

  /**
   * The text encoder called {@code encoder} in the store (heads train on {@value #ENCODER_NAME};
   * comparing encoders reads others).
   */
  public static Embedder open(Path store, Path cacheDir, String encoder) throws IOException {
    // One predictor calls the encoder here, so ONNX Runtime spreads each call over every core
    // (the serving default runs single-threaded calls side by side instead).
    ModelSpec spec =
        new ModelStore(store, null, BatchingOptions.from(ServingSettings.defaults()),
                TextEncoderOptions.of(TextEncoderOptions.FULL, 0, 0, 0))
            .newest(encoder)
            .orElseThrow(
                () ->
                    new IOException(
                        "no " + encoder + " model in " + store
                            + " (build the serving module: ./mvnw -pl serving -am package)"));
    int dim = spec.integer("dimension", SentenceEncoder.DEFAULT_DIMENSION);
    Path file = cacheDir.resolve(encoder + "-" + spec.version() + "-" + dim + ".bin");
    return new Embedder(spec, EmbeddingCache.open(file, dim));
  }

  public int dimension() {
    return cache.dimension();
  }

  public String encoderVersion() {
    return spec.version();
  }

  /** Vectors for {@code texts} (blank texts are the caller's to handle), encoding the uncached. */
  public Map<String, float[]> embed(List<String> texts, String label) throws Exception {
    Set<String> missing = new LinkedHashSet<>();
    for (String t : texts) {
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException("texts must not be blank");
      }
      if (!cache.contains(t)) {
        missing.add(t);
      }
    }
    if (!missing.isEmpty()) {
      encode(new ArrayList<>(missing), label);
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String t : texts) {
      out.put(t, cache.get(t));
    }
    return out;
  }

  private void encode(List<String> texts, String label) throws Exception {
    texts.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    if (predictor == null) {
      encoder = SentenceEncoder.load(spec);
      predictor = encoder.newPredictor();
    }
    try (Progress progress = Progress.onStderr("embedding " + label, texts.size(), "texts")) {
      int flushEvery = DEFAULT_BATCH * 16;
      Map<String, float[]> pending = new LinkedHashMap<>();
      for (int from = 0; from < texts.size(); from += DEFAULT_BATCH) {
        List<String> batch = texts.subList(from, Math.min(texts.size(), from + DEFAULT_BATCH));
        List<SentenceEncoder.Embedding> vectors = predictor.predict(batch);
        for (int i = 0; i < batch.size(); i++) {
          pending.put(batch.get(i), vectors.get(i).vector());
        }
        progress.advance(batch.size());
        if (pending.size() >= flushEvery) {
          cache.putAll(pending);
          pending.clear();
        }
      }
      cache.putAll(pending);
    }
  }

  @Override
  public void close() {
    if (predictor != null) {
      try {
        predictor.close();
      } catch (Exception ignored) {
        // Native memory only; the process is about to end or move on.
      }
    }
    if (encoder != null) {
      encoder.close();
    }
  }
}
