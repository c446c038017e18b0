package io.challengeradar.serving.api;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.model.CaptionCache;
import io.challengeradar.serving.model.LoadedModel;
import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.serving.model.ModelRegistry;
import io.challengeradar.serving.model.SentenceEncoder;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.Wire.EmbedRequest;
import io.challengeradar.serving.wire.Wire.EmbedResponse;
import io.challengeradar.serving.wire.Wire.ModelInfo;
import io.challengeradar.serving.wire.Wire.Note;
import io.challengeradar.serving.wire.Wire.Pair;
import io.challengeradar.serving.wire.Wire.ParticipationRequest;
import io.challengeradar.serving.wire.Wire.ScoreResponse;
import io.challengeradar.serving.wire.Wire.Video;
import io.challengeradar.serving.wire.Wire.VideoVector;
import io.challengeradar.serving.wire.Wire.ViralityRequest;
import io.challengeradar.serving.wire.Wire.VisualVectors;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving operations, independent of any transport: validates each request against the
 * limits (naming the field and reason), runs it through the models and shapes the answer.
 */
public final class ServingApi {

  private final ModelRegistry models;
  private final ServingLimits limits;
  private final PostEnricher enricher;
  private final CachedTextEncoder text;

  /** An API without a caption cache. */
  public ServingApi(ModelRegistry models, ServingLimits limits) {
    this(models, limits, CaptionCache.OFF);
  }

  /** @param cache caption vectors already computed, shared by {@code /v1/embed} and enrich */
  public ServingApi(ModelRegistry models, ServingLimits limits, CaptionCache cache) {
    this.models = models;
    this.limits = limits;
    this.text = new CachedTextEncoder(models, cache);
    this.enricher = new PostEnricher(models, limits, text);
  }

  /** Models loaded and every worker of every model alive. */
  public boolean ready() {
    return models.ready() && workersDown().isEmpty();
  }

  /** The models (name/version) with a worker that died and waits for its restart. */
  public List<String> workersDown() {
    List<String> down = new ArrayList<>();
    for (LoadedModel<?, ?> m : models.loaded()) {
      if (!m.engine().healthy()) {
        down.add(m.name() + "/" + m.version());
      }
    }
    return down;
  }

  public EmbedResponse embed(EmbedRequest request) {
    List<Video> videos = items("videos", request == null ? null : request.videos());
    List<String> captions = new ArrayList<>(videos.size());
    RequestImages budget = new RequestImages(limits);
    List<List<RequestImages.Sized>> sized = new ArrayList<>();
    List<Integer> withImages = new ArrayList<>();
    for (int i = 0; i < videos.size(); i++) {
      Video v = videos.get(i);
      String field = "videos[" + i + "]";
      if (v == null) {
        throw new BadInputException(field, "must be an object");
      }
      if (v.caption() == null || v.caption().isBlank()) {
        throw new BadInputException(field + ".caption", "must not be empty");
      }
      if (v.caption().length() > limits.maxCaptionChars()) {
        throw new BadInputException(
            field + ".caption",
            v.caption().length() + " characters, over the limit of " + limits.maxCaptionChars());
      }
      captions.add(v.caption());
      List<RequestImages.Sized> frames = budget.add(field, v.image(), v.frames());
      if (!frames.isEmpty()) {
        sized.add(frames);
        withImages.add(i);
      }
    }
    // Every header has fit the budget: only now is any image decoded.
    List<List<BufferedImage>> images = new ArrayList<>(sized.size());
    for (List<RequestImages.Sized> frames : sized) {
      images.add(RequestImages.decode(frames));
    }
    ModelRegistry.Answer<SentenceEncoder.Embedding> text = this.text.embed(request.model(), captions);
    List<float[]> vectors = new ArrayList<>(captions.size());
    List<Note> notes = new ArrayList<>();
    for (int i = 0; i < text.outputs().size(); i++) {
      SentenceEncoder.Embedding e = text.outputs().get(i);
      vectors.add(e.vector());
      if (e.truncated()) {
        notes.add(
            new Note(
                i,
                "videos[" + i + "].caption",
                "truncated to the model's limit of " + e.tokens() + " tokens"));
      }
    }
    VisualVectors visual = null;
    if (!images.isEmpty()) {
      ModelRegistry.Answer<float[]> seen = models.call(null, ModelKind.VISUAL_ENCODER, images);
      List<float[]> perVideo = new ArrayList<>(captions.size());
      for (int i = 0; i < captions.size(); i++) {
        perVideo.add(null);
      }
      for (int k = 0; k < withImages.size(); k++) {
        perVideo.set(withImages.get(k), seen.outputs().get(k));
      }
      int dim = seen.outputs().isEmpty() ? 0 : seen.outputs().get(0).length;
      visual = new VisualVectors(seen.model().name(), seen.model().version(), dim, perVideo);
    }
    LoadedModel<?, ?> m = text.model();
    return new EmbedResponse(m.name(), m.version(), m.dimension(), vectors, notes, visual);
  }

  /** Embedding, virality and claim probability of each post, from the models in service. */
  public Wire.EnrichResponse enrich(Wire.EnrichRequest request) {
    return enricher.enrich(items("posts", request == null ? null : request.posts()));
  }

  public ScoreResponse participation(ParticipationRequest request) {
    List<Pair> pairs = items("pairs", request == null ? null : request.pairs());
    LoadedModel<?, ?> head = models.resolve(request.model(), ModelKind.PARTICIPATION_HEAD);
    int side = head.dimension() / 2;
    List<float[]> inputs = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      String field = "pairs[" + i + "]";
      if (p == null) {
        throw new BadInputException(field, "must be an object");
      }
      float[] user = side(field, "user", p.user(), p.userVideos(), side);
      float[] challenge = side(field, "challenge", p.challenge(), p.challengeVideos(), side);
      float[] x = new float[2 * side];
      System.arraycopy(user, 0, x, 0, side);
      System.arraycopy(challenge, 0, x, side, side);
      inputs.add(x);
    }
    return score(head.name(), ModelKind.PARTICIPATION_HEAD, inputs);
  }

  public ScoreResponse virality(ViralityRequest request) {
    return videoScores(request, ModelKind.VIRALITY_HEAD);
  }

  /** Claims vs opinions: the same request shape as virality, scored by the claims head. */
  public ScoreResponse claims(ViralityRequest request) {
    return videoScores(request, ModelKind.CLAIMS_HEAD);
  }

  private ScoreResponse videoScores(ViralityRequest request, ModelKind kind) {
    List<VideoVector> videos = items("videos", request == null ? null : request.videos());
    LoadedModel<?, ?> head = models.resolve(request.model(), kind);
    List<float[]> inputs = new ArrayList<>(videos.size());
    for (int i = 0; i < videos.size(); i++) {
      VideoVector v = videos.get(i);
      String field = "videos[" + i + "].vector";
      inputs.add(vector(field, v == null ? null : v.vector(), head.dimension()));
    }
    return score(head.name(), kind, inputs);
  }

  public List<ModelInfo> describeModels() {
    List<ModelInfo> out = new ArrayList<>();
    for (LoadedModel<?, ?> m : models.loaded()) {
      var b = m.spec().batching();
      out.add(
          new ModelInfo(
              m.name(),
              m.version(),
              m.kind().key(),
              m.spec().engine(),
              m.spec().device().toString(),
              m.dimension(),
              b.maxBatchSize(),
              b.maxBatchDelay().toMillis(),
              b.queueCapacity(),
              m.engine().queueDepth(),
              b.workers(),
              m.loadedAt().toString()));
    }
    return out;
  }

  private ScoreResponse score(String name, ModelKind kind, List<float[]> inputs) {
    ModelRegistry.Answer<Float> answer = models.call(name, kind, inputs);
    return new ScoreResponse(answer.model().name(), answer.model().version(), answer.outputs());
  }

  private <T> List<T> items(String field, List<T> items) {
    if (items == null || items.isEmpty()) {
      throw new BadInputException(field, "must hold at least one item");
    }
    if (items.size() > limits.maxItems()) {
      throw new BadInputException(
          field, items.size() + " items, over the limit of " + limits.maxItems() + " per request");
    }
    return items;
  }

  private float[] side(String field, String name, float[] vector, List<float[]> videos, int dim) {
    if ((vector == null) == (videos == null)) {
      throw new BadInputException(
          field + "." + name, "give exactly one of " + name + " and " + name + "Videos");
    }
    if (vector != null) {
      return vector(field + "." + name, vector, dim);
    }
    String list = field + "." + name + "Videos";
    if (videos.isEmpty() || videos.size() > limits.maxVectorsPerSide()) {
      throw new BadInputException(
          list, "must hold 1 to " + limits.maxVectorsPerSide() + " vectors, has " + videos.size());
    }
    float[] mean = new float[dim];
    for (int k = 0; k < videos.size(); k++) {
      float[] v = vector(list + "[" + k + "]", videos.get(k), dim);
      for (int d = 0; d < dim; d++) {
        mean[d] += v[d] / videos.size();
      }
    }
    return mean;
  }

  private static float[] vector(String field, float[] v, int dim) {
    if (v == null) {
      throw new BadInputException(field, "is required");
    }
    if (v.length != dim) {
      throw new BadInputException(field, "expected " + dim + " values, got " + v.length);
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new BadInputException(field, "values must be finite numbers");
      }
    }
    return v;
  }
}
