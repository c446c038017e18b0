package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.serving.engine.EngineListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadInputsTest {

  @TempDir Path root;

  /** An encoder entry the heads can be checked against; it is never loaded here. */
  private void encoder(int dimension) throws IOException {
    write("minilm", "1", "kind=text-encoder\nengine=OnnxRuntime\ndimension=" + dimension + "\n", null);
  }

  /** A one-layer virality head over {@code inputs} values, declaring a vector plus 2 features. */
  private void viralityHead(String version, int inputs, float weight) throws IOException {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < inputs; i++) {
      row.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", i == 0 ? weight : 0f));
    }
    write(
        "virality",
        version,
        "kind=virality-head\ninput.encoder=minilm\ninput.layout=vector\ninput.features=log_followers,caption_chars\n",
        "{\"inputDim\":" + inputs + ",\"layers\":[{\"weights\":[[" + row
            + "]],\"bias\":[0],\"activation\":\"sigmoid\"}]}");
  }

  private void write(String name, String version, String props, String head) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name).resolve(version));
    if (head != null) {
      Files.writeString(dir.resolve(MlpHead.FILE), head);
    }
    Files.writeString(dir.resolve(ModelSpec.FILE), props);
  }

  private ModelLoader loader(ModelStore store) {
    return new ModelLoader(EngineListener.NONE, store::newest);
  }

  @Test
  void refusesAHeadWhoseInputSizeDoesNotMatchTheEncoderNamingBothSizes() throws Exception {
    encoder(384);
    viralityHead("1", 300, 1f);
    ModelStore store = new ModelStore(root, null);

    assertThatThrownBy(() -> loader(store).load(store.newest("virality").orElseThrow()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("model virality version 1")
        .hasMessageContaining("head takes 300 inputs")
        .hasMessageContaining("(384-d) with 2 extra feature(s) needs 386");
  }

  @Test
  void keepsServingThePreviousVersionWhenANewerOneHasTheWrongInputSize() throws Exception {
    encoder(384);
    viralityHead("1", 386, 2f);
    // The registry serves the heads only (no MiniLM files needed); the encoder entry is looked up.
    Path heads = Files.createDirectories(root.resolveSibling(root.getFileName() + "-heads"));
    Files.move(root.resolve("virality"), heads.resolve("virality"));
    ModelStore encoders = new ModelStore(root, null);
    try (ModelRegistry registry =
        new ModelRegistry(new ModelStore(heads, null), new ModelLoader(EngineListener.NONE, encoders::newest))) {
      registry.loadAll();
      assertThat(registry.resolve("virality", ModelKind.VIRALITY_HEAD).version()).isEqualTo("1");

      viralityHead("2", 384, 3f);
      Files.move(root.resolve("virality").resolve("2"), heads.resolve("virality").resolve("2"));
      List<String> switched = registry.refresh();

      assertThat(switched).isEmpty();
      LoadedModel<?, ?> serving = registry.resolve("virality", ModelKind.VIRALITY_HEAD);
      assertThat(serving.version()).isEqualTo("1");
      float[] x = new float[386];
      x[0] = 1f;
      ModelRegistry.Answer<Float> answer = registry.call("virality", ModelKind.VIRALITY_HEAD, List.of(x));
      assertThat(answer.outputs().get(0)).isCloseTo((float) (1 / (1 + Math.exp(-2))), org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  @Test
  void refusesAHeadThatNamesAnEncoderMissingFromTheStore() throws Exception {
    viralityHead("1", 386, 1f);
    ModelStore store = new ModelStore(root, null);

    assertThatThrownBy(() -> loader(store).load(store.newest("virality").orElseThrow()))
        .hasMessageContaining("needs text encoder minilm, which is not in the model store");
  }

  @Test
  void acceptsAPairHeadOfTwiceTheEncoderSize() throws Exception {
    encoder(4);
    StringBuilder row = new StringBuilder("1");
    for (int i = 1; i < 8; i++) {
      row.append(",0");
    }
    write("participation", "1", "kind=participation-head\ninput.encoder=minilm\ninput.layout=pair\n",
        "{\"inputDim\":8,\"layers\":[{\"weights\":[[" + row + "]],\"bias\":[0],\"activation\":\"sigmoid\"}]}");
    ModelStore store = new ModelStore(root, null);

    LoadedModel<?, ?> m = loader(store).load(store.newest("participation").orElseThrow());
    try {
      assertThat(m.dimension()).isEqualTo(8);
    } finally {
      m.close(java.time.Duration.ofSeconds(1));
    }
  }

  /** A one-layer head over {@code inputs} values: sigmoid(bias), whatever the input. */
  private static String constantHead(int inputs, float bias) {
    return "{\"inputDim\":" + inputs + ",\"layers\":[{\"weights\":[[" + "0,".repeat(inputs - 1)
        + "0]],\"bias\":[" + bias + "],\"activation\":\"sigmoid\"}]}";
  }

  @Test
  void aVersionWithAFallbackHeadScoresEachItemWithTheHeadOfItsLength() throws Exception {
    encoder(4);
    write("virality", "2", "kind=virality-head\ninput.encoder=minilm\ninput.layout=vector\n"
        + "input.features=log_followers,author_log_count\n"
        + "fallback.weights.file=post-only.json\nfallback.input.features=log_followers\n",
        constantHead(6, 2f));
    Files.writeString(root.resolve("virality/2/post-only.json"), constantHead(5, -2f));
    ModelStore store = new ModelStore(root, null);

    LoadedModel<?, ?> m = loader(store).load(store.newest("virality").orElseThrow());
    try {
      @SuppressWarnings("unchecked")
      List<Float> p = ((LoadedModel<float[], Float>) m).engine()
          .call(List.of(new float[6], new float[5]));
      assertThat(p.get(0)).isEqualTo((float) (1 / (1 + Math.exp(-2))));
      assertThat(p.get(1)).isEqualTo((float) (1 / (1 + Math.exp(2))));
      assertThat(HeadInputs.fallbackFeatures(m.spec())).containsExactly("log_followers");
    } finally {
      m.close(java.time.Duration.ofSeconds(1));
    }
  }

  @Test
  void refusesAFallbackHeadOfTheWrongSizeNamingIt() throws Exception {
    encoder(4);
    write("virality", "2", "kind=virality-head\ninput.encoder=minilm\ninput.layout=vector\n"
        + "input.features=log_followers,author_log_count\n"
        + "fallback.weights.file=post-only.json\nfallback.input.features=log_followers\n",
        constantHead(6, 2f));
    Files.writeString(root.resolve("virality/2/post-only.json"), constantHead(7, -2f));
    ModelStore store = new ModelStore(root, null);

    assertThatThrownBy(() -> loader(store).load(store.newest("virality").orElseThrow()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("head takes 7 inputs")
        .hasMessageContaining("needs 5");
  }

  @Test
  void refusesAHeadThatDeclaresAFeatureTheServingTierCannotCompute() throws Exception {
    encoder(384);
    write("virality", "1", "kind=virality-head\ninput.encoder=minilm\ninput.layout=vector\n"
        + "input.features=log_followers,mood_of_the_day\n",
        "{\"inputDim\":386,\"layers\":[{\"weights\":[[" + "0,".repeat(385) + "0]],\"bias\":[0],"
            + "\"activation\":\"sigmoid\"}]}");
    ModelStore store = new ModelStore(root, null);

    assertThatThrownBy(() -> loader(store).load(store.newest("virality").orElseThrow()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("model virality version 1: input.features")
        .hasMessageContaining("[mood_of_the_day]");
  }
}
