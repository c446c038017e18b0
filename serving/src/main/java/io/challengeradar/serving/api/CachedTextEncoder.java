package io.challengeradar.serving.api;

import io.challengeradar.serving.model.CaptionCache;
import io.challengeradar.serving.model.LoadedModel;
import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.serving.model.ModelRegistry;
import io.challengeradar.serving.model.SentenceEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text encoder in service behind the {@link CaptionCache}: only captions neither cached nor
 * repeated within the request reach the model, each once; the answer keeps the request's order.
 */
final class CachedTextEncoder {

  private final ModelRegistry models;
  private final CaptionCache cache;

  CachedTextEncoder(ModelRegistry models, CaptionCache cache) {
    this.models = models;
    this.cache = cache;
  }

  /** One vector per text, in order, from {@code model} (null: the text encoder in service). */
  ModelRegistry.Answer<SentenceEncoder.Embedding> embed(String model, List<String> texts) {
    if (!cache.enabled()) {
      return models.call(model, ModelKind.TEXT_ENCODER, texts);
    }
    LoadedModel<?, ?> serving = models.resolve(model, ModelKind.TEXT_ENCODER);
    Map<String, SentenceEncoder.Embedding> known = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String t : texts) {
      if (known.containsKey(t)) {
        continue;
      }
      SentenceEncoder.Embedding e = cache.get(serving.name(), serving.version(), t);
      known.put(t, e);
      if (e == null) {
        missing.add(t);
      }
    }
    LoadedModel<?, ?> answered = serving;
    if (!missing.isEmpty()) {
      ModelRegistry.Answer<SentenceEncoder.Embedding> computed =
          models.call(serving.name(), ModelKind.TEXT_ENCODER, missing);
      if (computed.model() != serving) {
        // A newer version took over between the lookup and the call: the cached vectors are the
        // older version's, so the whole request goes to the new one rather than mixing the two.
        return models.call(serving.name(), ModelKind.TEXT_ENCODER, texts);
      }
      for (int i = 0; i < missing.size(); i++) {
        SentenceEncoder.Embedding e = computed.outputs().get(i);
        known.put(missing.get(i), e);
        cache.put(serving.name(), serving.version(), missing.get(i), e);
      }
      answered = computed.model();
    }
    List<SentenceEncoder.Embedding> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(known.get(t));
    }
    return new ModelRegistry.Answer<>(answered, out);
  }
}
