package io.challengeradar.serving.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Builds throwaway model stores pointing at the real MiniLM files, with settings per test. */
public final class TestStore {

  private final Path root;

  public TestStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** The real MiniLM model with the given batching settings. */
  public TestStore minilm(String version, int batchSize, int delayMs, int queueCapacity)
      throws IOException {
    Path real = TestModels.minilm();
    return model(
        "minilm",
        version,
        String.join(
            "\n",
            "kind=text-encoder",
            "engine=OnnxRuntime",
            "device=cpu",
            "model.file=" + real.resolve("all-minilm-l6-v2.onnx"),
            "tokenizer.file=" + real.resolve("all-minilm-l6-v2-tokenizer.json"),
            "dimension=384",
            "max.tokens=256",
            "batch.size=" + batchSize,
            "batch.delay.ms=" + delayMs,
            "queue.capacity=" + queueCapacity,
            "timeout.ms=20000"));
  }

  public TestStore visualDescriptor() throws IOException {
    return model("visual", "1", "kind=visual-encoder\nengine=builtin\nbatch.size=8\nbatch.delay.ms=1");
  }

  /**
   * A participation head over 384-d user and challenge vectors: sigmoid(bias + w * (user[0] +
   * challenge[0])), so tests can compute the expected probability.
   */
  public TestStore participationHead(String version, float weight, float bias) throws IOException {
    return participationHead("participation", version, weight, bias);
  }

  public TestStore participationHead(String name, String version, float weight, float bias)
      throws IOException {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < 768; i++) {
      float w = (i == 0 || i == 384) ? weight : 0f;
      row.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", w));
    }
    Path dir = root.resolve(name).resolve(version);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("head.json"),
        "{\"inputDim\":768,\"layers\":[{\"weights\":[["
            + row
            + "]],\"bias\":["
            + bias
            + "],\"activation\":\"sigmoid\"}]}");
    return model(name, version, "kind=participation-head\nengine=builtin\nbatch.size=16");
  }

  /**
   * A virality head over the 384-d caption vector and {@code features}: sigmoid(bias + weight *
   * features[0]), so tests can compute the expected probability from the post's fields.
   */
  public TestStore viralityHead(
      String version, java.util.List<String> features, float weight, float bias, double ratioCut)
      throws IOException {
    int inputs = 384 + features.size();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < inputs; i++) {
      row.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", i == 384 ? weight : 0f));
    }
    Path dir = root.resolve("virality").resolve(version);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("head.json"), "{\"inputDim\":" + inputs
        + ",\"layers\":[{\"weights\":[[" + row + "]],\"bias\":[" + bias
        + "],\"activation\":\"sigmoid\"}]}");
    return model("virality", version, "kind=virality-head\nengine=builtin\nbatch.size=16\n"
        + "input.encoder=minilm\ninput.layout=vector\ninput.features=" + String.join(",", features)
        + "\nlabel.ratio.cut=" + ratioCut);
  }

  public TestStore model(String name, String version, String properties) throws IOException {
    Path dir = root.resolve(name).resolve(version);
    Files.createDirectories(dir);
    // Written last and atomically: the store ignores a version until its properties exist.
    Path tmp = dir.resolve("model.properties.tmp");
    Files.writeString(tmp, properties + "\n");
    Files.move(tmp, dir.resolve("model.properties"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return this;
  }
}
