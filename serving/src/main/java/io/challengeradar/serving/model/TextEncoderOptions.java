package io.challengeradar.serving.model;

import io.challengeradar.config.Config;
import io.challengeradar.serving.ServingSettings;

/**
 * How the store's text encoder is chosen and run, from {@code serving.text-model} and {@code
 * serving.text.*}.
 *
 * <p>The build ships all-MiniLM-L6-v2 twice: {@value #FULL_NAME} (32-bit weights) and {@value
 * #QUANTIZED_NAME} (8-bit weights, the same network). Both answer in the same 384-d space, so the
 * heads trained on one take the other's vectors; only the chosen one is loaded.
 *
 * <p>On CPU the encoder runs as one call per core at a time ({@code workers}), each on one ONNX
 * Runtime thread, rather than one call spread over every core: ONNX Runtime's own pool
 * spin-waits between operators, which on cores shared with Flink and Elasticsearch burns about
 * half of the encoder's CPU time (docs/serving.md, "Where the encoder's time goes").
 *
 * @param model {@value #FULL} or {@value #QUANTIZED}
 * @param intraOpThreads ONNX Runtime threads within one call; 0 for its own choice
 * @param maxTokens token limit over every text encoder's own; 0 keeps each model's
 * @param cacheSize caption vectors kept; 0 for no cache
 * @param workers calls at a time (workers, each with its own predictor); 0: one per core over
 *     the intra-op threads on CPU, the model's own {@code workers} on another device
 */
public record TextEncoderOptions(
    String model, int intraOpThreads, int maxTokens, int cacheSize, int workers) {

  public static final String FULL = "full";
  public static final String QUANTIZED = "quantized";
  public static final String FULL_NAME = "minilm";
  public static final String QUANTIZED_NAME = "minilm-q";

  /** The model properties the options set on a text encoder's spec. */
  public static final String INTRA_OP_THREADS_PROPERTY = "intra.op.threads";
  public static final String MAX_TOKENS_PROPERTY = "max.tokens";

  public TextEncoderOptions {
    if (!isModelChoice(model)) {
      throw new IllegalArgumentException("model must be full or quantized, was " + model);
    }
    if (intraOpThreads < 0 || cacheSize < 0 || workers < 0) {
      throw new IllegalArgumentException(
          "intraOpThreads, cacheSize and workers must be 0 or more");
    }
    if (maxTokens != 0 && maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be 0 or at least 2, was " + maxTokens);
    }
  }

  public static TextEncoderOptions from(Config settings) {
    return new TextEncoderOptions(
        settings.get(ServingSettings.TEXT_MODEL),
        settings.get(ServingSettings.TEXT_INTRA_OP_THREADS),
        settings.get(ServingSettings.TEXT_MAX_TOKENS),
        settings.get(ServingSettings.TEXT_CACHE_SIZE),
        settings.get(ServingSettings.TEXT_WORKERS));
  }

  /**
   * Options with {@code workers} 0: on CPU one per core over {@code intraOpThreads}, the model's
   * own when those are 0 (ONNX Runtime's own choice).
   */
  public static TextEncoderOptions of(String model, int intraOpThreads, int maxTokens,
      int cacheSize) {
    return new TextEncoderOptions(model, intraOpThreads, maxTokens, cacheSize, 0);
  }

  /** The serving defaults. */
  public static TextEncoderOptions defaults() {
    return from(ServingSettings.defaults());
  }

  public static boolean isModelChoice(String text) {
    return FULL.equals(text) || QUANTIZED.equals(text);
  }

  /** The store name of the chosen variant. */
  public String modelName() {
    return FULL.equals(model) ? FULL_NAME : QUANTIZED_NAME;
  }

  /** The store name of the variant not chosen, which is not loaded when both are present. */
  public String otherName() {
    return FULL.equals(model) ? QUANTIZED_NAME : FULL_NAME;
  }

  /** {@code spec} with these options' overrides, if it is a text encoder; otherwise itself. */
  public ModelSpec apply(ModelSpec spec) {
    if (spec.kind() != ModelKind.TEXT_ENCODER) {
      return spec;
    }
    ModelSpec out = spec;
    if (intraOpThreads > 0) {
      out = out.withProperty(INTRA_OP_THREADS_PROPERTY, Integer.toString(intraOpThreads));
    }
    if (maxTokens > 0) {
      out = out.withProperty(MAX_TOKENS_PROPERTY, Integer.toString(maxTokens));
    }
    int calls = workersOn(!out.device().gpu(), Runtime.getRuntime().availableProcessors());
    if (calls > 0) {
      out = out.withWorkers(calls);
    }
    return out;
  }

  /**
   * Workers for a text encoder on a machine of {@code cores}: the set number, else on CPU one per
   * core over the intra-op threads (at least 1); 0 where the model's own number stays.
   */
  int workersOn(boolean cpu, int cores) {
    if (workers > 0) {
      return workers;
    }
    if (!cpu) {
      return 0;
    }
    return intraOpThreads > 0 ? Math.max(1, cores / intraOpThreads) : 0;
  }
}
