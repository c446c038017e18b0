package io.challengeradar.flink.enrich;

import io.challengeradar.config.Config;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.EsContents;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** What the enrichment ITs share: a real serving tier in process, and waiting for its answers. */
public final class EnrichedRuns {
  private EnrichedRuns() {}

  /**
   * The store the serving build unpacked (failsafe passes it in), with MiniLM alone and small,
   * quick batches: the ITs send a few posts at a time.
   */
  public static Config servingConfig(Path storeDir) throws IOException {
    Path store = Path.of(System.getProperty("radar.serving.store", "../serving/target/model-store"))
        .toAbsolutePath();
    Path minilm = store.resolve("minilm").resolve("1");
    Path dir = Files.createDirectories(storeDir.resolve("minilm").resolve("1"));
    Files.writeString(dir.resolve("model.properties"), String.join("\n",
        "kind=text-encoder", "engine=OnnxRuntime", "device=cpu",
        "model.file=" + minilm.resolve("all-minilm-l6-v2.onnx"),
        "tokenizer.file=" + minilm.resolve("all-minilm-l6-v2-tokenizer.json"),
        "dimension=384", "max.tokens=256", "batch.size=16", "batch.delay.ms=2"));
    return ServingSettings.onAFreePort(storeDir, store.resolveSibling("djl-cache"))
        .with(ServingSettings.THREADS, 4, "test");
  }

  /** A serving node on {@link #servingConfig} and a free port. */
  public static ServingNode startServing(Path storeDir) throws Exception {
    return ServingNode.start(ServingNode.Options.from(servingConfig(storeDir), storeDir));
  }

  /** Polls Elasticsearch (the sink writes asynchronously) until {@code videos} are enriched. */
  public static void awaitEnriched(EsContents contents, int videos, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long enriched;
    while ((enriched = enriched(contents)) < videos) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not within " + timeout + ": " + enriched + " of " + videos + " videos enriched");
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }

  private static long enriched(EsContents contents) {
    try {
      return contents.documents(Index.VIDEOS.indexName()).values().stream()
          .filter(d -> d.hasNonNull("pendingEnrichment") && !d.get("pendingEnrichment").asBoolean())
          .count();
    } catch (UncheckedIOException notYet) {
      // The index the sink just created has no started shard yet.
      return 0;
    }
  }
}
