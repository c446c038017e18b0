package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.serving.engine.EngineListener;
import io.challengeradar.serving.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default heads the build copies into the model store (version 1 of each), so a fresh clone
 * scores without running {@code radar train}. Their declared inputs are a contract with whoever
 * computes them from a post: the feature names and their order must not drift.
 */
class ShippedHeadsTest {

  private static final String SHIPPED = "1";

  @Test
  void claimsHeadTakesTheTranscriptionVectorThenNineEngagementFeatures() throws Exception {
    ModelSpec spec = loadsAndScores("claims", ModelKind.CLAIMS_HEAD, 384 + 9);
    assertThat(HeadInputs.features(spec))
        .containsExactly(
            "log_views", "log_likes", "log_shares", "log_downloads", "log_comments", "duration_sec",
            "verified", "ban_under_review", "ban_banned");
    assertThat(spec.string("input.layout", "")).isEqualTo("vector");
  }

  @Test
  void viralityHeadTakesTheCaptionVectorThenTenPostFeatures() throws Exception {
    ModelSpec spec = loadsAndScores("virality", ModelKind.VIRALITY_HEAD, 384 + 10);
    assertThat(HeadInputs.features(spec))
        .containsExactly(
            "log_followers", "caption_chars", "hashtag_count", "music_original", "duration_sec",
            "hour_sin", "hour_cos", "weekday_sin", "weekday_cos", "log_age_hours");
    assertThat(spec.string("input.layout", "")).isEqualTo("vector");
  }

  @Test
  void participationHeadTakesAUserVectorThenAChallengeVector() throws Exception {
    ModelSpec spec = loadsAndScores("participation", ModelKind.PARTICIPATION_HEAD, 2 * 384);
    assertThat(HeadInputs.features(spec)).isEmpty();
    assertThat(spec.string("input.layout", "")).isEqualTo("pair");
  }

  /** Loads the shipped version as serving does (input size checked against MiniLM) and scores zeros. */
  private static ModelSpec loadsAndScores(String name, ModelKind kind, int inputs) throws Exception {
    Path store = TestModels.store();
    Path dir = store.resolve(name).resolve(SHIPPED);
    assertThat(dir.resolve(ModelSpec.FILE)).as("shipped %s head", name).isRegularFile();
    ModelSpec spec = ModelSpec.read(name, SHIPPED, dir, null);
    assertThat(spec.kind()).isEqualTo(kind);
    assertThat(Files.size(dir.resolve(MlpHead.FILE))).as("head.json size").isLessThan(1_000_000);
    ModelStore models = new ModelStore(store, null);
    LoadedModel<?, ?> loaded = new ModelLoader(EngineListener.NONE, models::newest).load(spec);
    try {
      assertThat(loaded.dimension()).isEqualTo(inputs);
    } finally {
      loaded.close(Duration.ofSeconds(1));
    }
    float p = MlpHead.read(dir.resolve(MlpHead.FILE)).score(new float[inputs]);
    assertThat(p).isBetween(0f, 1f);
    assertThat(List.of(spec.string("task", ""))).containsExactly(name);
    return spec;
  }
}
