package io.challengeradar.serving.model;

import io.challengeradar.serving.engine.BatchPredictor;
import io.challengeradar.serving.engine.BatchingEngine;
import io.challengeradar.serving.engine.EngineListener;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

/** Turns a {@link ModelSpec} into a running {@link LoadedModel}, choosing the code by its kind. */
public final class ModelLoader {

  private final EngineListener listener;
  private final HeadInputs.Encoders encoders;

  public ModelLoader(EngineListener listener) {
    this(listener, null);
  }

  /**
   * @param encoders where heads find the text encoder they declare ({@code input.encoder}), to
   *     check their input size against it; null skips the check
   */
  public ModelLoader(EngineListener listener, HeadInputs.Encoders encoders) {
    this.listener = listener == null ? EngineListener.NONE : listener;
    this.encoders = encoders;
  }

  public LoadedModel<?, ?> load(ModelSpec spec) throws Exception {
    switch (spec.kind()) {
      case TEXT_ENCODER:
        return text(spec);
      case VISUAL_ENCODER:
        return spec.engine().equalsIgnoreCase("builtin") ? descriptor(spec) : visual(spec);
      case PARTICIPATION_HEAD:
      case VIRALITY_HEAD:
      case CLAIMS_HEAD:
        return head(spec);
      default:
        throw new IllegalArgumentException("no loader for kind " + spec.kind());
    }
  }

  private LoadedModel<String, SentenceEncoder.Embedding> text(ModelSpec spec) throws Exception {
    SentenceEncoder encoder = SentenceEncoder.load(spec);
    try {
      BatchingEngine<String, SentenceEncoder.Embedding> engine =
          new BatchingEngine<>(spec.name(), spec.batching(), encoder::newPredictor, listener);
      return new LoadedModel<>(spec, engine, encoder.dimension(), Instant.now(), encoder);
    } catch (Exception | Error e) {
      encoder.close();
      throw e;
    }
  }

  private LoadedModel<List<BufferedImage>, float[]> descriptor(ModelSpec spec) throws Exception {
    BatchingEngine<List<BufferedImage>, float[]> engine =
        new BatchingEngine<>(spec.name(), spec.batching(), ImageDescriptor::predictor, listener);
    return new LoadedModel<>(spec, engine, ImageDescriptor.DIMENSION, Instant.now(), () -> {});
  }

  private LoadedModel<List<BufferedImage>, float[]> visual(ModelSpec spec) throws Exception {
    DjlImageEncoder encoder = DjlImageEncoder.load(spec);
    try {
      BatchingEngine<List<BufferedImage>, float[]> engine =
          new BatchingEngine<>(spec.name(), spec.batching(), encoder::newPredictor, listener);
      return new LoadedModel<>(
          spec, engine, spec.integer("dimension", 0), Instant.now(), encoder);
    } catch (Exception | Error e) {
      encoder.close();
      throw e;
    }
  }

  private LoadedModel<float[], Float> head(ModelSpec spec) throws Exception {
    MlpHead head = MlpHead.read(spec.file("weights.file", MlpHead.FILE));
    HeadInputs.check(spec, head.inputDim(), encoders);
    BatchPredictor.Factory<float[], Float> predictors = head::predictor;
    if (HeadInputs.hasFallback(spec)) {
      MlpHead fallback = MlpHead.read(spec.file(HeadInputs.FALLBACK_FILE, ""));
      HeadInputs.checkFallback(spec, fallback.inputDim(), encoders);
      if (fallback.inputDim() == head.inputDim()) {
        throw new java.io.IOException("model " + spec.name() + " version " + spec.version()
            + ": the fallback head takes as many inputs as the head (" + head.inputDim()
            + "), so an item's length cannot say which head scores it");
      }
      predictors = () -> MlpHead.pair(head, fallback);
    }
    BatchingEngine<float[], Float> engine =
        new BatchingEngine<>(spec.name(), spec.batching(), predictors, listener);
    return new LoadedModel<>(spec, engine, head.inputDim(), Instant.now(), () -> {});
  }
}
