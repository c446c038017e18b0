package io.challengeradar.serving;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.serving.model.DeviceSpec;
import io.challengeradar.serving.model.TextEncoderOptions;
import io.challengeradar.serving.wire.Wire;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of the serving tier, defined once. {@code radar serve} resolves them from the
 * defaults, a properties file, {@code RADAR_SERVING_*} and its flags; {@link ServingNode.Options},
 * {@link io.challengeradar.serving.http.ServerOptions}, {@link
 * io.challengeradar.serving.api.ServingLimits} and {@link
 * io.challengeradar.serving.engine.BatchingOptions} are built from the result.
 */
public final class ServingSettings {
  private ServingSettings() {}

  public static final Option<Integer> PORT = Option.key("serving.port").intType()
      .defaultValue(8081).between(0, 65_535)
      .description("HTTP port of the serving tier; 0 picks a free one.");
  public static final Option<String> BIND_ADDRESS = Option.key("serving.bind-address")
      .stringType().defaultValue("127.0.0.1")
      .description("The address the serving tier listens on: loopback by default; 0.0.0.0 (all"
          + " interfaces) in a container, behind serving.token.");
  public static final Option<Integer> THREADS = Option.key("serving.threads").intType()
      .defaultValue(64).positive()
      .description("HTTP handler threads; they mostly wait on the model engines, so more than"
          + " cores.");
  public static final Option<Integer> MAX_BODY_BYTES = Option.key("serving.max-body-bytes")
      .intType().defaultValue(64 << 20).positive()
      .description("Largest request body, in bytes: a larger Content-Length is answered 413"
          + " unread; a chunked body is counted as it is read and cut at the limit (413).");
  public static final Option<Integer> PENDING_REQUESTS = Option.key("serving.pending-requests")
      .intType().defaultValue(1024).positive()
      .description("Requests that may wait for a free handler thread (serving.threads are the"
          + " requests in flight); beyond them a request is answered 503 with Retry-After at"
          + " once, without reading its body.");
  public static final Option<Duration> READ_TIMEOUT = Option.key("serving.read-timeout")
      .durationType().defaultValue(Duration.ofSeconds(30)).positive()
      .description("Longest time a client may take to send a whole request (headers and body);"
          + " a client that trickles bytes is cut off then. Whole seconds. The JDK HTTP server"
          + " reads it once per JVM: the first server started in a process sets it.");
  public static final Option<Duration> IDLE_TIMEOUT = Option.key("serving.idle-timeout")
      .durationType().defaultValue(Duration.ofSeconds(30)).positive()
      .description("How long a kept-alive connection may sit idle before it is closed. Whole"
          + " seconds; read once per JVM, like serving.read-timeout.");
  public static final Option<String> MODEL_STORE = Option.key("serving.model-store")
      .stringType().defaultValue("serving/target/model-store")
      .description("Model store folder, <name>/<version>/model.properties; relative to the"
          + " project root (RADAR_PROJECT_ROOT). The build unpacks the shipped models here.");
  public static final Option<String> DJL_CACHE = Option.key("serving.djl-cache").stringType()
      .defaultValue("serving/target/djl-cache")
      .description("Where DJL unpacks the engines' native libraries; relative to the project"
          + " root. Nothing is downloaded at run time.");
  public static final Option<String> DEVICE = Option.key("serving.device").stringType()
      .check(ServingSettings::isDevice, "must be cpu, gpu or gpu:N")
      .description("cpu, gpu or gpu:N for every model; empty: each model's own (device= in its"
          + " model.properties).");
  public static final Option<Duration> RELOAD_INTERVAL = Option.key("serving.reload-interval")
      .durationType().defaultValue(Duration.ofSeconds(10)).notNegative()
      .description("How often to look for new model versions in the store; 0s never.");
  public static final Option<Integer> MAX_ITEMS = Option.key("serving.max-items").intType()
      .defaultValue(256).positive().description("Most videos or pairs in one request.");
  public static final Option<Integer> MAX_CAPTION_CHARS = Option.key("serving.max-caption-chars")
      .intType().defaultValue(Wire.DEFAULT_MAX_CAPTION_CHARS).positive()
      .description("Longest caption accepted at all; captions within it but over the model's"
          + " token limit are truncated and the answer says so.");
  public static final Option<Integer> MAX_IMAGE_BYTES = Option.key("serving.max-image-bytes")
      .intType().defaultValue(4 << 20).positive()
      .description("Largest decoded image, in bytes.");
  public static final Option<Long> MAX_IMAGE_PIXELS = Option.key("serving.max-image-pixels")
      .longType().defaultValue(16L << 20).positive()
      .description("Most pixels (width x height, read from the image's header before decoding)"
          + " of one image; a larger one is refused with 413 naming the field.");
  public static final Option<Long> MAX_REQUEST_PIXELS = Option.key("serving.max-request-pixels")
      .longType().defaultValue(32L << 20).positive()
      .description("Decoded-pixel budget of one request: width x height summed over every image"
          + " and frame of every video, read from the images' headers before any is decoded;"
          + " over it, 413 naming the field where the budget ran out. About 4 bytes of heap per"
          + " pixel while the request runs.");
  public static final Option<Integer> MAX_FRAMES = Option.key("serving.max-frames").intType()
      .defaultValue(16).positive().description("Most frames (thumbnail included) per video.");
  public static final Option<Integer> MAX_VECTORS_PER_SIDE =
      Option.key("serving.max-vectors-per-side").intType().defaultValue(512).positive()
          .description("Most video vectors averaged into one user or one challenge.");
  public static final Option<Integer> BATCH_MAX_SIZE = Option.key("serving.batch.max-size")
      .intType().defaultValue(32).positive()
      .description("Most items handed to a model in one call, for models whose model.properties"
          + " sets no batch.size.");
  public static final Option<Duration> BATCH_MAX_DELAY = Option.key("serving.batch.max-delay")
      .durationType().defaultValue(Duration.ofMillis(5)).notNegative()
      .description("How long a worker holding an item waits for more before running a partial"
          + " batch (model.properties: batch.delay.ms); 0s runs whatever is queued at once.");
  public static final Option<Integer> BATCH_QUEUE_CAPACITY =
      Option.key("serving.batch.queue-capacity").intType().defaultValue(1024).positive()
          .description("Most items waiting per model before requests are refused with 429"
              + " (model.properties: queue.capacity).");
  public static final Option<Integer> BATCH_WORKERS = Option.key("serving.batch.workers")
      .intType().defaultValue(1).positive()
      .description("Worker threads per model, each with its own predictor (model.properties:"
          + " workers).");
  public static final Option<Duration> WORKER_RESTART_DELAY =
      Option.key("serving.batch.worker-restart-delay").durationType()
          .defaultValue(Duration.ofSeconds(1)).notNegative()
          .description("How long after a model worker died (an Error such as OutOfMemoryError in"
              + " the model) it is started again with a fresh predictor; doubled for each death in"
              + " a row, at most a minute. Readiness answers 503 while a worker is down.");
  public static final Option<Duration> BATCH_TIMEOUT = Option.key("serving.batch.timeout")
      .durationType().defaultValue(Duration.ofSeconds(10)).positive()
      .description("How long an item may wait and run before its caller is answered with a"
          + " timeout (model.properties: timeout.ms).");

  public static final Option<String> TEXT_MODEL = Option.key("serving.text-model").stringType()
      .defaultValue(TextEncoderOptions.FULL)
      .check(TextEncoderOptions::isModelChoice, "must be full or quantized")
      .description("Which all-MiniLM-L6-v2 serves as the text encoder: full (minilm, 32-bit"
          + " weights, the vectors the heads were trained on) or quantized (minilm-q, 8-bit"
          + " weights: faster on CPU, but its median cosine against full is 0.989, under the"
          + " 0.99 a default must keep; see docs/serving.md). The other one is not loaded.");
  public static final Option<Integer> TEXT_INTRA_OP_THREADS =
      Option.key("serving.text.intra-op-threads").intType().defaultValue(1).notNegative()
          .description("ONNX Runtime threads inside one text-encoder call; 0: ONNX Runtime's own"
              + " choice (every core, spin-waiting between operators, which wastes CPU on cores"
              + " shared with Flink and Elasticsearch). With 1, calls run side by side instead"
              + " (serving.text.workers).");
  public static final Option<Integer> TEXT_WORKERS = Option.key("serving.text.workers")
      .intType().defaultValue(0).notNegative()
      .description("Text-encoder calls at a time, each a worker with its own predictor; 0: on"
          + " CPU one per core divided by serving.text.intra-op-threads (the model's own workers"
          + " when that is 0), on a GPU the model's own.");
  public static final Option<Integer> TEXT_MAX_TOKENS = Option.key("serving.text.max-tokens")
      .intType().defaultValue(0).check(n -> n == 0 || n >= 2, "must be 0 or at least 2")
      .description("Token limit of the text encoder (longer captions are truncated and the"
          + " answer says so); 0: the model's own max.tokens.");
  public static final Option<Integer> TEXT_CACHE_SIZE = Option.key("serving.text.cache-size")
      .intType().defaultValue(50_000).notNegative()
      .description("Caption vectors kept, least recently used dropped first, keyed by model"
          + " version and the caption's SHA-256, so a caption seen again is not re-encoded; 0"
          + " turns the cache off. About 1.6 KB per entry.");

  public static final OptionGroup GROUP = OptionGroup.of("serving",
      "The model serving tier (radar serve): HTTP transport, request limits, model store and"
          + " the default batching of every model.",
      PORT, BIND_ADDRESS, CommonOptions.SERVING_TOKEN, THREADS, PENDING_REQUESTS, MAX_BODY_BYTES,
      READ_TIMEOUT, IDLE_TIMEOUT, MODEL_STORE, DJL_CACHE, DEVICE, RELOAD_INTERVAL,
      MAX_ITEMS, MAX_CAPTION_CHARS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_REQUEST_PIXELS,
      MAX_FRAMES, MAX_VECTORS_PER_SIDE,
      BATCH_MAX_SIZE, BATCH_MAX_DELAY, BATCH_QUEUE_CAPACITY, BATCH_WORKERS, BATCH_TIMEOUT,
      WORKER_RESTART_DELAY,
      TEXT_MODEL, TEXT_INTRA_OP_THREADS, TEXT_WORKERS, TEXT_MAX_TOKENS, TEXT_CACHE_SIZE);

  /** Every serving setting at its default; tests change what they need with {@link Config#with}. */
  public static Config defaults() {
    return Config.defaults(GROUP);
  }

  /**
   * A node on a free port that serves {@code store} as it is, without looking for new versions:
   * what tests and benchmarks start.
   */
  public static Config onAFreePort(Path store, Path djlCache) {
    return defaults()
        .with(MODEL_STORE, store.toAbsolutePath().toString(), "onAFreePort")
        .with(DJL_CACHE, djlCache.toAbsolutePath().toString(), "onAFreePort")
        .with(RELOAD_INTERVAL, Duration.ZERO, "onAFreePort")
        .with(PORT, 0, "onAFreePort");
  }

  private static boolean isDevice(String text) {
    try {
      DeviceSpec.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
