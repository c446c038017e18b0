package io.challengeradar.serving.api;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.InferenceException;
import io.challengeradar.serving.model.HeadInputs;
import io.challengeradar.serving.model.LoadedModel;
import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.serving.model.ModelRegistry;
import io.challengeradar.serving.model.PostFeatures;
import io.challengeradar.serving.model.SentenceEncoder;
import io.challengeradar.serving.wire.Wire.EnrichPost;
import io.challengeradar.serving.wire.Wire.EnrichResponse;
import io.challengeradar.serving.wire.Wire.EnrichedPost;
import io.challengeradar.serving.wire.Wire.Note;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/enrich}: embeds each post's caption, then runs the virality and claims heads (those
 * that are served) on the embedding plus the features each head declares, computed here from the
 * post's raw fields. Each model call goes through its batching engine, so concurrent requests
 * share batches.
 *
 * <p>An empty caption is embedded as its hashtags' text (a cosine index refuses the all-zero
 * vector), while the heads get the all-zero text vector they were trained on for such posts.
 *
 * <p>A head version with a fallback head (the virality model with the author's history) scores a
 * post with its first head when the post carries at least one earlier video of its author, and
 * with the fallback (post-only) head otherwise; each answer says which.
 */
final class PostEnricher {

  private final ModelRegistry models;
  private final ServingLimits limits;
  private final CachedTextEncoder text;

  PostEnricher(ModelRegistry models, ServingLimits limits, CachedTextEncoder text) {
    this.models = models;
    this.limits = limits;
    this.text = text;
  }

  private record Parsed(String videoId, String text, boolean captionBlank, PostFeatures.Input input) {}

  EnrichResponse enrich(List<EnrichPost> posts) {
    List<Parsed> parsed = new ArrayList<>(posts.size());
    for (int i = 0; i < posts.size(); i++) {
      parsed.add(parse("posts[" + i + "]", posts.get(i)));
    }
    ModelRegistry.Answer<SentenceEncoder.Embedding> text =
        this.text.embed(null, parsed.stream().map(Parsed::text).toList());
    List<Note> notes = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>(parsed.size());
    for (int i = 0; i < parsed.size(); i++) {
      SentenceEncoder.Embedding e = text.outputs().get(i);
      vectors.add(e.vector());
      if (e.truncated()) {
        notes.add(new Note(i, "posts[" + i + "].caption",
            "truncated to the model's limit of " + e.tokens() + " tokens"));
      }
    }
    Scores virality = score(ModelKind.VIRALITY_HEAD, parsed, vectors);
    Scores claims = score(ModelKind.CLAIMS_HEAD, parsed, vectors);
    List<EnrichedPost> out = new ArrayList<>(parsed.size());
    for (int i = 0; i < parsed.size(); i++) {
      out.add(new EnrichedPost(parsed.get(i).videoId(), vectors.get(i), virality.at(i), claims.at(i),
          virality.headAt(i)));
    }
    Double cut = virality.head() == null ? null : ratioCut(virality.head());
    return new EnrichResponse(id(text.model()), id(virality.head()), cut, id(claims.head()), out, notes);
  }

  /** The first head of a version with a fallback: for posts whose author has history. */
  static final String AUTHOR_HISTORY_HEAD = "author-history";
  /** The fallback head: for posts of a new author (or from a caller that keeps no history). */
  static final String POST_ONLY_HEAD = "post-only";

  /**
   * A head's probabilities, or nulls when no head of the kind is served.
   *
   * @param heads which head of a paired version scored each post; null for one head
   */
  private record Scores(LoadedModel<?, ?> head, List<Float> probabilities, List<String> heads) {
    Float at(int i) {
      return probabilities == null ? null : probabilities.get(i);
    }

    String headAt(int i) {
      return heads == null ? null : heads.get(i);
    }
  }

  private Scores score(ModelKind kind, List<Parsed> posts, List<float[]> vectors) {
    Optional<LoadedModel<?, ?>> served = models.first(kind);
    if (served.isEmpty()) {
      return new Scores(null, null, null);
    }
    LoadedModel<?, ?> head = served.get();
    List<String> features = HeadInputs.features(head.spec());
    boolean paired = HeadInputs.hasFallback(head.spec());
    List<String> fallbackFeatures = HeadInputs.fallbackFeatures(head.spec());
    List<float[]> inputs = new ArrayList<>(posts.size());
    List<String> heads = paired ? new ArrayList<>(posts.size()) : null;
    for (int i = 0; i < posts.size(); i++) {
      float[] v = vectors.get(i);
      boolean first = !paired || posts.get(i).input().authorHistory().count() > 0;
      if (paired) {
        heads.add(first ? AUTHOR_HISTORY_HEAD : POST_ONLY_HEAD);
      }
      float[] f = PostFeatures.vector(first ? features : fallbackFeatures, posts.get(i).input());
      int dimension = first ? head.dimension() : v.length + fallbackFeatures.size();
      if (v.length + f.length != dimension) {
        throw new InferenceException("model " + head.name() + " version " + head.version()
            + " takes " + head.dimension() + " inputs, but the text vector (" + v.length
            + ") and its " + f.length + " feature(s) make " + (v.length + f.length), null);
      }
      float[] x = new float[dimension];
      if (!posts.get(i).captionBlank()) {
        System.arraycopy(v, 0, x, 0, v.length);
      }
      System.arraycopy(f, 0, x, v.length, f.length);
      inputs.add(x);
    }
    ModelRegistry.Answer<Float> answer = models.call(head.name(), kind, inputs);
    return new Scores(answer.model(), answer.outputs(), heads);
  }

  private Parsed parse(String field, EnrichPost p) {
    if (p == null) {
      throw new BadInputException(field, "must be an object");
    }
    if (p.videoId() == null || p.videoId().isBlank()) {
      throw new BadInputException(field + ".videoId", "must not be empty");
    }
    if (p.caption() == null) {
      throw new BadInputException(field + ".caption", "is required (may be empty)");
    }
    if (p.caption().length() > limits.maxCaptionChars()) {
      throw new BadInputException(field + ".caption",
          p.caption().length() + " characters, over the limit of " + limits.maxCaptionChars());
    }
    List<String> tags = p.hashtags() == null ? List.of() : p.hashtags();
    PostFeatures.Input in = EnrichPostInputs.of(field, p);
    boolean blank = p.caption().isBlank();
    String text = blank ? hashtagText(tags) : p.caption();
    return new Parsed(p.videoId(), text, blank, in);
  }

  private static String hashtagText(List<String> tags) {
    StringBuilder b = new StringBuilder();
    for (String t : tags) {
      b.append(b.length() == 0 ? "#" : " #").append(t);
    }
    return b.toString();
  }

  private static Double ratioCut(LoadedModel<?, ?> head) {
    String cut = head.spec().properties().getProperty("label.ratio.cut");
    if (cut == null || cut.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(cut.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String id(LoadedModel<?, ?> m) {
    return m == null ? null : m.name() + "/" + m.version();
  }
}
