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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /v1/enrich}: embeds each post's caption, then runs the virality and claims heads (those
 * that are served) on the embedding plus the features each head declares, computed here from the
 * post's raw fields. Each model call goes through its batching engine, so concurrent requests
 * share batches.
 *
 * <p>An empty caption is embedded as its hashtags' text (a cosine index refuses the all-zero
 * vector), while the heads get the all-zero text vector they were trained on for such posts.
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
      out.add(new EnrichedPost(parsed.get(i).videoId(), vectors.get(i), virality.at(i), claims.at(i)));
    }
    Double cut = virality.head() == null ? null : ratioCut(virality.head());
    return new EnrichResponse(id(text.model()), id(virality.head()), cut, id(claims.head()), out, notes);
  }

  /** A head's probabilities, or nulls when no head of the kind is served. */
  private record Scores(LoadedModel<?, ?> head, List<Float> probabilities) {
    Float at(int i) {
      return probabilities == null ? null : probabilities.get(i);
    }
  }

  private Scores score(ModelKind kind, List<Parsed> posts, List<float[]> vectors) {
    Optional<LoadedModel<?, ?>> served = models.first(kind);
    if (served.isEmpty()) {
      return new Scores(null, null);
    }
    LoadedModel<?, ?> head = served.get();
    List<String> features = HeadInputs.features(head.spec());
    List<float[]> inputs = new ArrayList<>(posts.size());
    for (int i = 0; i < posts.size(); i++) {
      float[] v = vectors.get(i);
      float[] f = PostFeatures.vector(features, posts.get(i).input());
      if (v.length + f.length != head.dimension()) {
        throw new InferenceException("model " + head.name() + " version " + head.version()
            + " takes " + head.dimension() + " inputs, but the text vector (" + v.length
            + ") and its " + f.length + " feature(s) make " + (v.length + f.length), null);
      }
      float[] x = new float[head.dimension()];
      if (!posts.get(i).captionBlank()) {
        System.arraycopy(v, 0, x, 0, v.length);
      }
      System.arraycopy(f, 0, x, v.length, f.length);
      inputs.add(x);
    }
    ModelRegistry.Answer<Float> answer = models.call(head.name(), kind, inputs);
    return new Scores(answer.model(), answer.outputs());
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
    if (p.createdAt() == null) {
      throw new BadInputException(field + ".createdAt", "is required");
    }
    Instant createdAt;
    try {
      createdAt = Instant.parse(p.createdAt());
    } catch (DateTimeParseException e) {
      throw new BadInputException(field + ".createdAt",
          "'" + p.createdAt() + "' is not an ISO-8601 instant like 2024-01-01T12:00:00Z");
    }
    List<String> tags = p.hashtags() == null ? List.of() : p.hashtags();
    PostFeatures.Input in =
        PostFeatures.Input.atPost(
                p.caption(), tags.size(), (int) notNegative(field + ".durationSec", p.durationSec()),
                notNegative(field + ".followerCount", p.followerCount()), createdAt)
            .withMusicOriginal(Boolean.TRUE.equals(p.musicOriginal()))
            .withEngagement(new PostFeatures.Engagement(
                notNegative(field + ".views", p.views()),
                notNegative(field + ".likes", p.likes()),
                notNegative(field + ".shares", p.shares()),
                notNegative(field + ".downloads", p.downloads()),
                notNegative(field + ".comments", p.comments())))
            .withAuthor(Boolean.TRUE.equals(p.verified()), ban(field, p.authorBanStatus()));
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

  private static long notNegative(String field, Number n) {
    if (n == null) {
      return 0;
    }
    if (n.longValue() < 0) {
      throw new BadInputException(field, "must be zero or more, was " + n);
    }
    return n.longValue();
  }

  private static PostFeatures.BanStatus ban(String field, String status) {
    if (status == null) {
      return PostFeatures.BanStatus.ACTIVE;
    }
    switch (status.toLowerCase(Locale.ROOT).trim()) {
      case "active":
        return PostFeatures.BanStatus.ACTIVE;
      case "under review":
        return PostFeatures.BanStatus.UNDER_REVIEW;
      case "banned":
        return PostFeatures.BanStatus.BANNED;
      default:
        throw new BadInputException(field + ".authorBanStatus",
            "must be active, under review or banned, was '" + status + "'");
    }
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
