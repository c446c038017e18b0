package io.challengeradar.training.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.serving.engine.EngineListener;
import io.challengeradar.serving.model.HeadInputs;
import io.challengeradar.serving.model.LoadedModel;
import io.challengeradar.serving.model.MlpHead;
import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.serving.model.ModelLoader;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.ModelStore;
import io.challengeradar.serving.model.PostFeatures;
import io.challengeradar.serving.model.SentenceEncoder;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.training.data.ClaimsData;
import io.challengeradar.training.data.RowAccounting;
import io.challengeradar.training.text.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default heads the build copies into the model store (version 1 of each), so a fresh clone
 * scores without running {@code radar train}. Their declared inputs are a contract between the
 * training code, which built the rows they learned from, and the serving tier, which computes the
 * same rows from a post: each head's {@code input.*} must be what its task registers today, so a
 * change to a task's feature list fails here until the shipped head is retrained.
 */
class ShippedHeadsTest {

  private static final String SHIPPED = "1";
  /**
   * The default virality version: the author-history head with the post-only head as its
   * fallback (version 1, post-only alone, stays in the store beside it).
   */
  private static final String VIRALITY_SHIPPED = "2";
  /** A post with every feature away from zero: Tuesday 2021-03-02 14:30 UTC. */
  private static final PostFeatures.Input POST =
      PostFeatures.Input.atPost("crates #milkcrate #fyp", 2, 31, 12_345,
              Instant.parse("2021-03-02T14:30:00Z"))
          .withMusicOriginal(true)
          .withAgeHours(20)
          .withEngagement(new PostFeatures.Engagement(250_000, 21_000, 900, 45, 310))
          .withAuthor(true, PostFeatures.BanStatus.UNDER_REVIEW);

  @TempDir Path tmp;

  @Test
  void claimsHeadTakesWhatTheClaimsTaskTrainsOn() throws Exception {
    ModelSpec spec = shipped(ClaimsTask.NAME, ModelKind.CLAIMS_HEAD);

    assertThat(inputs(spec)).isEqualTo(ClaimsTask.headInputs());
    assertThat(HeadInputs.features(spec)).isEqualTo(ClaimsData.FEATURES);
    assertThat(loadedInputs(spec)).isEqualTo(encoderDimension() + ClaimsData.FEATURES.size());
    // The pinned score of a fixed row: the weights, or the order their inputs are read in, moved.
    float[] row = concat(text(), PostFeatures.vector(HeadInputs.features(spec), POST));
    assertThat(head(spec).score(row)).isCloseTo(CLAIMS_SCORE, within(1e-5f));
  }

  @Test
  void viralityHeadTakesWhatTheViralityTaskTrainsOn() throws Exception {
    ModelSpec spec = shipped(ViralityTask.NAME, SHIPPED, ModelKind.VIRALITY_HEAD);

    assertThat(inputs(spec)).isEqualTo(ViralityTask.headInputs());
    assertThat(HeadInputs.features(spec)).isEqualTo(ViralityTask.FEATURES);
    assertThat(loadedInputs(spec)).isEqualTo(encoderDimension() + ViralityTask.FEATURES.size());
    float[] row = concat(text(), PostFeatures.vector(HeadInputs.features(spec), POST));
    assertThat(head(spec).score(row)).isCloseTo(VIRALITY_SCORE, within(1e-5f));
  }

  @Test
  void viralityDefaultPairsTheAuthorHistoryHeadWithThePostOnlyHead() throws Exception {
    ModelSpec spec = shipped(ViralityTask.NAME, VIRALITY_SHIPPED, ModelKind.VIRALITY_HEAD);

    Map<String, String> declared = new TreeMap<>(inputs(spec));
    declared.put(HeadInputs.FALLBACK_FILE, spec.string(HeadInputs.FALLBACK_FILE, ""));
    declared.put(HeadInputs.FALLBACK_FEATURES, spec.string(HeadInputs.FALLBACK_FEATURES, ""));
    assertThat(declared).isEqualTo(new TreeMap<>(ViralityTask.headInputsWithHistory()));
    assertThat(HeadInputs.features(spec)).isEqualTo(ViralityTask.FEATURES_WITH_HISTORY);
    assertThat(HeadInputs.fallbackFeatures(spec)).isEqualTo(ViralityTask.FEATURES);
    // Loading checks both heads' sizes against the encoder.
    assertThat(loadedInputs(spec))
        .isEqualTo(encoderDimension() + ViralityTask.FEATURES_WITH_HISTORY.size());
    PostFeatures.Input withHistory =
        POST.withAuthorHistory(new Wire.AuthorHistory(4, 9.2, 1.1, 0.08, 36));
    float[] row = concat(text(), PostFeatures.vector(HeadInputs.features(spec), withHistory));
    assertThat(head(spec).score(row)).isCloseTo(VIRALITY_AUTHOR_SCORE, within(1e-5f));
    float[] postOnly = concat(text(), PostFeatures.vector(HeadInputs.fallbackFeatures(spec), POST));
    assertThat(MlpHead.read(spec.file(HeadInputs.FALLBACK_FILE, "")).score(postOnly))
        .isCloseTo(VIRALITY_POST_ONLY_SCORE, within(1e-5f));
  }

  @Test
  void participationHeadTakesAUserVectorThenAChallengeVector() throws Exception {
    ModelSpec spec = shipped(ParticipationTask.NAME, ModelKind.PARTICIPATION_HEAD);

    assertThat(inputs(spec)).isEqualTo(ParticipationTask.headInputs());
    assertThat(HeadInputs.features(spec)).isEmpty();
    assertThat(loadedInputs(spec)).isEqualTo(2 * encoderDimension());
    float[] user = text();
    float[] challenge = text();
    Arrays.fill(challenge, 0, challenge.length / 2, 0f);
    assertThat(head(spec).score(concat(user, challenge)))
        .isCloseTo(PARTICIPATION_SCORE, within(1e-5f));
    // Which vector comes first matters to the head: swapped, the score moves.
    assertThat(head(spec).score(concat(challenge, user)))
        .isNotCloseTo(PARTICIPATION_SCORE, within(1e-3f));
  }

  /**
   * The claims task computes its features from the data set's columns by hand; the serving tier
   * computes the same names with PostFeatures. Both must give the same numbers for the same post.
   */
  @Test
  void claimsTrainingRowsAreTheFeaturesServingComputes() throws Exception {
    Files.writeString(tmp.resolve(ClaimsData.FILE), String.join("\n",
        "#,claim_status,video_id,video_duration_sec,video_transcription_text,verified_status,"
            + "author_ban_status,video_view_count,video_like_count,video_share_count,"
            + "video_download_count,video_comment_count",
        "1,claim,7017666017,31,someone shared with me that drones fly,verified,under review,"
            + "250000,21000,900,45,310",
        ""));

    List<ClaimsData.Video> videos = ClaimsData.read(tmp, new RowAccounting("claims"));

    assertThat(videos).singleElement().satisfies(v ->
        assertThat(v.features()).containsExactly(
            PostFeatures.vector(ClaimsData.FEATURES, POST), within(1e-6f)));
  }

  // Scores of the shipped version-1 heads for the fixed rows above. Retraining a head changes
  // them: update them with the new head.
  private static final float CLAIMS_SCORE = 0.014766978f;
  private static final float VIRALITY_SCORE = 0.73137057f;
  private static final float VIRALITY_AUTHOR_SCORE = 0.37649164f;
  // The fallback is the post-only head retrained by the same run. It scores a little apart from
  // version 1, which applies untrained weights to the caption dimensions constant in its training
  // rows (the fixed text vector here is not constant there).
  private static final float VIRALITY_POST_ONLY_SCORE = 0.7279714f;
  private static final float PARTICIPATION_SCORE = 0.018840663f;

  /** The shipped version, read as serving reads it; {@code task} names the head's own task. */
  private static ModelSpec shipped(String name, ModelKind kind) throws Exception {
    return shipped(name, SHIPPED, kind);
  }

  private static ModelSpec shipped(String name, String version, ModelKind kind) throws Exception {
    Path dir = store().resolve(name).resolve(version);
    assertThat(dir.resolve(ModelSpec.FILE)).as("shipped %s head", name).isRegularFile();
    ModelSpec spec = ModelSpec.read(name, version, dir, null);
    assertThat(spec.kind()).isEqualTo(kind);
    assertThat(spec.string("task", "")).isEqualTo(name);
    assertThat(Files.size(dir.resolve(MlpHead.FILE))).as("head.json size").isLessThan(1_000_000);
    return spec;
  }

  /** The head's {@code input.*} entries. */
  private static Map<String, String> inputs(ModelSpec spec) {
    Map<String, String> inputs = new TreeMap<>();
    spec.properties().stringPropertyNames().stream().filter(k -> k.startsWith("input."))
        .forEach(k -> inputs.put(k, spec.properties().getProperty(k)));
    return inputs;
  }

  /** Loads the head as serving does, which checks its size against the encoder it names. */
  private static int loadedInputs(ModelSpec spec) throws Exception {
    ModelStore models = new ModelStore(store(), null);
    LoadedModel<?, ?> loaded = new ModelLoader(EngineListener.NONE, models::newest).load(spec);
    try {
      return loaded.dimension();
    } finally {
      loaded.close(Duration.ofSeconds(1));
    }
  }

  private static MlpHead head(ModelSpec spec) throws Exception {
    return MlpHead.read(spec.dir().resolve(MlpHead.FILE));
  }

  private static int encoderDimension() throws Exception {
    return new ModelStore(store(), null).newest(Embedder.ENCODER_NAME).orElseThrow()
        .integer("dimension", SentenceEncoder.DEFAULT_DIMENSION);
  }

  /** A fixed unit text vector with no zero component. */
  private static float[] text() throws Exception {
    int n = encoderDimension();
    float[] v = new float[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      v[i] = (float) Math.sin(i + 1);
      norm += v[i] * v[i];
    }
    for (int i = 0; i < n; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The serving build's model store, where the shipped heads are copied beside MiniLM. */
  private static Path store() {
    return Path.of(System.getProperty("radar.serving.store", "../serving/target/model-store"))
        .toAbsolutePath();
  }
}
