package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.engine.BatchingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

  @TempDir Path root;

  private void version(String name, String version, String props) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name).resolve(version));
    if (props != null) {
      Files.writeString(dir.resolve(ModelSpec.FILE), props);
    }
  }

  @Test
  void picksTheNewestCompleteVersionComparingNumbersAsNumbers() throws IOException {
    version("head", "9", "kind=virality-head\n");
    version("head", "10", "kind=virality-head\nbatch.size=7\n");
    version("head", "11", null); // still being copied: no properties yet

    ModelSpec spec = new ModelStore(root, null).newest("head").orElseThrow();

    assertThat(spec.version()).isEqualTo("10");
    assertThat(spec.batching().maxBatchSize()).isEqualTo(7);
    assertThat(spec.kind()).isEqualTo(ModelKind.VIRALITY_HEAD);
  }

  @Test
  void appliesTheStoreWideDeviceOverride() throws IOException {
    version("m", "1", "kind=text-encoder\ndevice=gpu:1\n");

    assertThat(new ModelStore(root, null).newest("m").orElseThrow().device().toString())
        .isEqualTo("gpu:1");
    assertThat(new ModelStore(root, "cpu").newest("m").orElseThrow().device().toString())
        .isEqualTo("cpu");
  }

  @Test
  void aModelsOwnBatchingWinsOverTheServingTiersDefaults() throws IOException {
    // A head: a text encoder's workers follow serving.text.* (see below).
    version("m", "1", "kind=virality-head\nbatch.size=7\n");
    BatchingOptions defaults = BatchingOptions.from(ServingSettings.defaults()
        .with(ServingSettings.BATCH_MAX_SIZE, 64, "test")
        .with(ServingSettings.BATCH_WORKERS, 3, "test"));

    BatchingOptions batching =
        new ModelStore(root, null, defaults).newest("m").orElseThrow().batching();

    assertThat(batching.maxBatchSize()).isEqualTo(7);
    assertThat(batching.workers()).isEqualTo(3);
  }

  @Test
  void refusesABadPropertiesFileNamingTheKey() throws IOException {
    version("m", "1", "kind=text-encoder\nbatch.size=many\n");
    version("k", "1", "kind=sentiment\n");

    assertThatThrownBy(() -> new ModelStore(root, null).newest("m"))
        .hasMessageContaining("batch.size must be an integer");
    assertThatThrownBy(() -> new ModelStore(root, null).newest("k"))
        .hasMessageContaining("kind must be one of");
  }

  @Test
  void servesTheChosenShippedTextEncoderAndNotTheOther() throws IOException {
    version("minilm", "1", "kind=text-encoder\n");
    version("minilm-q", "1", "kind=text-encoder\n");
    version("virality", "1", "kind=virality-head\n");

    assertThat(store(TextEncoderOptions.QUANTIZED).names())
        .containsExactly("minilm-q", "virality");
    assertThat(store(TextEncoderOptions.FULL).names()).containsExactly("minilm", "virality");
  }

  @Test
  void aStoreWithOnlyOneOfTheShippedTextEncodersServesIt() throws IOException {
    version("minilm", "1", "kind=text-encoder\n");

    assertThat(store(TextEncoderOptions.QUANTIZED).names()).containsExactly("minilm");
  }

  @Test
  void theServingTokenLimitAndThreadsOverrideTheTextEncodersOwn() throws IOException {
    version("minilm", "1", "kind=text-encoder\nmax.tokens=256\n");
    version("head", "1", "kind=virality-head\n");
    ModelStore store = new ModelStore(root, null, BatchingOptions.from(ServingSettings.defaults()),
        TextEncoderOptions.of(TextEncoderOptions.FULL, 2, 64, 0));

    ModelSpec text = store.newest("minilm").orElseThrow();
    assertThat(text.integer("max.tokens", 0)).isEqualTo(64);
    assertThat(text.integer("intra.op.threads", 0)).isEqualTo(2);
    assertThat(store.newest("head").orElseThrow().properties()).doesNotContainKey("max.tokens");
    // The file in the store is left as it was.
    assertThat(new ModelStore(root, null).newest("minilm").orElseThrow().integer("max.tokens", 0))
        .isEqualTo(256);
  }

  @Test
  void onCpuTheTextEncoderRunsOneSingleThreadedCallPerCore() throws IOException {
    version("minilm", "1", "kind=text-encoder\nworkers=1\n");
    version("head", "1", "kind=virality-head\nworkers=1\n");
    ModelStore store = new ModelStore(root, null,
        BatchingOptions.from(ServingSettings.defaults()), TextEncoderOptions.defaults());

    ModelSpec text = store.newest("minilm").orElseThrow();
    assertThat(text.integer("intra.op.threads", 0)).isEqualTo(1);
    assertThat(text.batching().workers())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(store.newest("head").orElseThrow().batching().workers()).isEqualTo(1);
  }

  @Test
  void textEncoderWorkersFollowTheThreadsUnlessSet() {
    TextEncoderOptions ownThreads = TextEncoderOptions.of(TextEncoderOptions.FULL, 0, 0, 0);
    TextEncoderOptions twoThreads = TextEncoderOptions.of(TextEncoderOptions.FULL, 2, 0, 0);
    TextEncoderOptions three = new TextEncoderOptions(TextEncoderOptions.FULL, 1, 0, 0, 3);

    assertThat(ownThreads.workersOn(true, 8)).as("the model's own").isZero();
    assertThat(twoThreads.workersOn(true, 8)).isEqualTo(4);
    assertThat(twoThreads.workersOn(true, 1)).isEqualTo(1);
    assertThat(twoThreads.workersOn(false, 8)).as("a GPU keeps the model's own").isZero();
    assertThat(three.workersOn(true, 8)).isEqualTo(3);
    assertThat(three.workersOn(false, 8)).isEqualTo(3);
  }

  private ModelStore store(String textModel) {
    return new ModelStore(root, null, BatchingOptions.from(ServingSettings.defaults()),
        TextEncoderOptions.of(textModel, 0, 0, 0));
  }
}
