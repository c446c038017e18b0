package io.challengeradar.app.bench;

import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.engine.BatchPredictor;
import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.SentenceEncoder;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.WireJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code radar bench serving}: MiniLM sentences per second through HTTP with dynamic batching,
 * against the same model called in-process at the same batch size (the ceiling on this machine)
 * and against HTTP with batch size 1; then p50/p99 latency at half the HTTP rate.
 */
@Command(
    name = "serving",
    mixinStandardHelpOptions = true,
    description = "Benchmarks the serving tier with the real MiniLM model (see docs/benchmarks.md).")
public final class ServingBench implements Callable<Integer> {

  // 16 clients of 4 captions keep 64 in flight, enough to fill a batch of 32 while half of the
  // clients wait for answers; 8 leave batches part-empty (see docs/benchmarks.md).
  @Option(names = "--clients", defaultValue = "16", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--batch", defaultValue = "32", description = "Model batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--request-size", defaultValue = "4", description = "Captions per HTTP request (default ${DEFAULT-VALUE}).")
  int requestSize;

  @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per phase (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "3", description = "Unmeasured seconds before each phase (default ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Mixin BenchOptions bench = new BenchOptions(1);

  @Option(names = "--store", description = "Model store holding minilm/<version> (default serving/target/model-store).")
  Path store;

  private static final String[] SUBJECTS = {
    "a dog", "my grandma", "two friends", "the whole class", "a cat", "this chef", "our team", "a toddler"
  };
  private static final String[] ACTIONS = {
    "dancing", "lip syncing", "trying the ice bucket challenge", "doing a backflip", "cooking pasta",
    "singing", "painting", "skateboarding"
  };
  private static final String[] PLACES = {
    "on the beach", "in the kitchen", "at school", "in the rain", "on a rooftop", "at the mall",
    "in slow motion", "with a twist"
  };

  @Override
  public Integer call() throws Exception {
    Path root = Path.of(System.getenv().getOrDefault("RADAR_PROJECT_ROOT", "")).toAbsolutePath();
    Path storeDir = store != null ? store : root.resolve("serving/target/model-store");
    Path minilm = storeDir.resolve("minilm/1");
    Path cache = root.resolve("serving/target/djl-cache");
    DjlRuntime.configure(cache);
    List<String> captions = captions(4096, 42);

    int repeats = bench.repeats();
    System.err.printf(Locale.ROOT, "bench serving: %d clients, batch %d, %d captions/request, %ds per phase%n",
        clients, batch, requestSize, seconds);
    ModelSpec spec = ModelSpec.read("minilm", "1", minilm, null);
    double ceiling = Stats.median("in-process", repeats, () -> inProcess(spec, captions));
    double batched = Stats.median("HTTP, dynamic batch", repeats,
        () -> overHttp(minilm, cache, batch, captions));
    double single = Stats.median("HTTP, batch 1", repeats,
        () -> overHttp(minilm, cache, 1, captions));
    double[] p50 = new double[repeats];
    double[] p99 = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      double[] latency = latencyAtRate(minilm, cache, batched / 2, captions);
      p50[i] = latency[0];
      p99[i] = latency[1];
    }
    report(repeats, new Results(ceiling, batched, single, Stats.median(p50), Stats.median(p99)))
        .finish(bench, true, System.out);
    return 0;
  }

  /** What one run measured: medians in sentences/s and milliseconds. */
  record Results(double inProcess, double batched, double single, double latencyP50,
      double latencyP99) {}

  /** The table of one run. */
  BenchReport report(int repeats, Results r) {
    BenchReport report = new BenchReport("Serving", "./radar bench serving --repeats " + repeats
        + " --clients " + clients + " --batch " + batch + " --request-size " + requestSize
        + " --seconds " + seconds + " --warmup-seconds " + warmupSeconds);
    report.rowWithDecimal("in_process", "in-process, batch " + batch, r.inProcess(),
        "sentences/s", "the ceiling on this machine");
    report.rowWithDecimal("http_dynamic_batch", "HTTP, " + clients + " clients, dynamic batch "
        + batch, r.batched(), "sentences/s",
        report.ratio("http_of_in_process", r.batched() / r.inProcess())
            + " of in-process (aim >= 0.85)");
    report.rowWithDecimal("http_batch_1", "HTTP, " + clients + " clients, batch 1", r.single(),
        "sentences/s", "dynamic batching gives "
            + report.ratio("dynamic_over_batch_1", r.batched() / r.single())
            + " times this (aim >= 2)");
    report.rowWithDecimal("latency_p50_ms", "latency p50 at half the dynamic-batch rate",
        r.latencyP50(), "ms", "open loop at " + BenchReport.fmt(r.batched() / 2)
            + " sentences/s, from each request's scheduled send");
    report.rowWithDecimal("latency_p99_ms", "latency p99 at half the dynamic-batch rate",
        r.latencyP99(), "ms", "");
    report.note("all-MiniLM-L6-v2 on ONNX Runtime (CPU), " + requestSize + " of 4,096 seeded"
        + " captions per request; each phase measured for " + seconds + " s after "
        + warmupSeconds + " s of warm-up.");
    return report;
  }

  /** Deterministic captions from a fixed seed. */
  static List<String> captions(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(SUBJECTS[r.nextInt(SUBJECTS.length)] + " " + ACTIONS[r.nextInt(ACTIONS.length)] + " "
          + PLACES[r.nextInt(PLACES.length)] + " #challenge" + r.nextInt(50));
    }
    return out;
  }

  private double inProcess(ModelSpec spec, List<String> captions) throws Exception {
    try (SentenceEncoder encoder = SentenceEncoder.load(spec);
        BatchPredictor<String, SentenceEncoder.Embedding> p = encoder.newPredictor()) {
      int[] next = {0};
      Callable<Integer> step = () -> {
        List<String> b = slice(captions, next[0], batch);
        next[0] += batch;
        p.predict(b);
        return b.size();
      };
      run(step, warmupSeconds);
      return run(step, seconds);
    }
  }

  private static double run(Callable<Integer> step, int secs) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(secs);
    long start = System.nanoTime();
    long items = 0;
    while (System.nanoTime() < end) {
      items += step.call();
    }
    return items / ((System.nanoTime() - start) / 1e9);
  }

  private ServingNode node(Path minilm, Path cache, int batchSize) throws Exception {
    Path dir = Files.createTempDirectory("radar-bench-store");
    Path version = Files.createDirectories(dir.resolve("minilm/1"));
    Files.writeString(version.resolve(ModelSpec.FILE), String.join("\n",
        "kind=text-encoder", "engine=OnnxRuntime", "device=cpu",
        "model.file=" + minilm.resolve("all-minilm-l6-v2.onnx").toAbsolutePath(),
        "tokenizer.file=" + minilm.resolve("all-minilm-l6-v2-tokenizer.json").toAbsolutePath(),
        "batch.size=" + batchSize, "batch.delay.ms=" + (batchSize == 1 ? 0 : 5),
        "queue.capacity=100000", "timeout.ms=60000", ""));
    return ServingNode.start(ServingNode.Options.from(ServingSettings.onAFreePort(dir, cache)
        .with(ServingSettings.THREADS, Math.max(16, clients * 2), "bench"), dir));
  }

  private double overHttp(Path minilm, Path cache, int batchSize, List<String> captions) throws Exception {
    try (ServingNode node = node(minilm, cache, batchSize)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI uri = URI.create("http://localhost:" + node.port() + "/v1/embed");
      closedLoop(http, uri, captions, warmupSeconds);
      return closedLoop(http, uri, captions, seconds);
    }
  }

  private double closedLoop(HttpClient http, URI uri, List<String> captions, int secs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(secs);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        fs.add(pool.submit(() -> {
          int at = client * 97;
          while (System.nanoTime() < end) {
            send(http, uri, slice(captions, at, requestSize));
            at += requestSize;
            done.addAndGet(requestSize);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** Open loop: requests leave on a fixed schedule; latency counts from the scheduled time. */
  private double[] latencyAtRate(Path minilm, Path cache, double sentencesPerSecond, List<String> captions)
      throws Exception {
    try (ServingNode node = node(minilm, cache, batch)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newFixedThreadPool(4)).build();
      URI uri = URI.create("http://localhost:" + node.port() + "/v1/embed");
      closedLoop(http, uri, captions, warmupSeconds);
      long intervalNanos = (long) (1e9 * requestSize / sentencesPerSecond);
      int requests = (int) Math.max(20, seconds * 1e9 / intervalNanos);
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      List<CompletableFuture<?>> all = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < requests; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        HttpRequest req = request(uri, slice(captions, i * requestSize, requestSize));
        all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
            .thenAccept(r -> latencies.add(System.nanoTime() - due)));
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      return new double[] {
        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6
      };
    }
  }

  private static void send(HttpClient http, URI uri, List<String> captions) throws Exception {
    HttpResponse<Void> r = http.send(request(uri, captions), HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("server answered " + r.statusCode());
    }
  }

  private static HttpRequest request(URI uri, List<String> captions) {
    Wire.EmbedRequest body = new Wire.EmbedRequest(null, captions.stream().map(Wire.Video::caption).toList());
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(body))).build();
  }

  private static List<String> slice(List<String> all, int from, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(all.get(Math.floorMod(from + i, all.size())));
    }
    return out;
  }
}
