package io.challengeradar.app.bench;

import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.SentenceEncoder;
import io.challengeradar.serving.model.TextEncoderOptions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code radar bench serving}: sentences per second of both shipped text encoders (the full
 * all-MiniLM-L6-v2 and its 8-bit quantized twin), each called in-process (the ceiling on this
 * machine), through HTTP with dynamic batching and through HTTP with batch size 1, on generated
 * captions and, with {@code --data}, on real ones; p50/p99 latency at half each model's HTTP rate.
 * Every ratio is between figures of the same run: the quantized model against the full one,
 * HTTP against in-process, dynamic batching against batch 1.
 *
 * <p>Before the models, the encoder's CPU candidates ({@link EncoderCandidates}: threads, workers,
 * batch, token limit, quantized) in-process against the full model as main served it, taking
 * turns in one run, with their cosine against it on up to 1,000 real captions.
 *
 * <p>The nodes it starts keep no caption cache: the phases loop over the same captions, and a
 * cache would measure lookups instead of the model.
 */
@Command(
    name = "serving",
    mixinStandardHelpOptions = true,
    description = "Benchmarks the serving tier's text encoders, full and quantized (see docs/benchmarks.md).")
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

  @Option(names = "--models", split = ",", defaultValue = "full,quantized",
      description = "Text encoders to measure, of full and quantized (default ${DEFAULT-VALUE}); ratios need both.")
  List<String> models;

  @Option(names = "--data", description = "Real captions as well: canonical events (NDJSON) or a public data layout (--format); a post's text is what the pipeline sends, its caption or else its hashtags.")
  Path data;

  @Option(names = "--format", defaultValue = "ndjson", description = "Layout of --data: ndjson or an importer format (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--captions", defaultValue = "4096", description = "Most captions per set, generated or real (default ${DEFAULT-VALUE}).")
  int captionCount;

  @Option(names = "--intra-op-threads", defaultValue = "0", description = "ONNX Runtime threads per call for the models' phases, as serving.text.intra-op-threads; 0: the serving default (default ${DEFAULT-VALUE}).")
  int intraOpThreads;

  @Option(names = "--candidates", split = ",", defaultValue = "all",
      description = "Encoder candidates measured in-process against the baseline (all, none, or"
          + " names of: baseline, full-1-thread, default, default-batch-128, default-tokens-64,"
          + " quantized-main, quantized-tuned; default ${DEFAULT-VALUE}).")
  List<String> candidateNames;

  @Option(names = "--http", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure the models over HTTP and their latency too (default ${DEFAULT-VALUE}).")
  boolean http;

  @Mixin BenchOptions bench = new BenchOptions(1);

  @Option(names = "--store", description = "Model store holding minilm/1 and minilm-q/1 (default serving/target/model-store).")
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
    Path cache = root.resolve("serving/target/djl-cache");
    DjlRuntime.configure(cache);
    Map<String, List<String>> sets = new LinkedHashMap<>();
    sets.put(GENERATED, captions(captionCount, 42));
    if (data != null) {
      List<String> real = BenchCaptions.read(data, format, captionCount);
      System.err.printf(Locale.ROOT, "bench serving: %,d real captions from %s, mean %.0f characters%n",
          real.size(), data, real.stream().mapToInt(String::length).average().orElse(0));
      sets.put(REAL, real);
    }
    for (String m : models) {
      if (!TextEncoderOptions.isModelChoice(m)) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--models takes full and quantized, was " + m);
      }
    }

    int repeats = bench.repeats();
    List<EncoderCandidates.Measured> candidates = List.of();
    Map<String, EncoderCandidates.Profile> profiles = new LinkedHashMap<>();
    List<EncoderCandidates.Candidate> chosen = chosenCandidates();
    if (!chosen.isEmpty()) {
      List<String> quality = sets.getOrDefault(REAL, sets.get(GENERATED));
      quality = quality.subList(0, Math.min(QUALITY_CAPTIONS, quality.size()));
      candidates = EncoderCandidates.measure(storeDir, chosen, sets, quality, repeats,
          warmupSeconds, seconds, profiles);
    }
    if (!http) {
      report(repeats, new Results(Map.of(), candidates, profiles)).finish(bench, true, System.out);
      return 0;
    }
    System.err.printf(Locale.ROOT, "bench serving: %s; %d clients, batch %d, %d captions/request, %ds per phase%n",
        models, clients, batch, requestSize, seconds);
    Map<String, Model> measured = new LinkedHashMap<>();
    for (String choice : models) {
      String name = TextEncoderOptions.of(choice, 0, 0, 0).modelName();
      // As the serving tier runs it: its text settings (threads, workers), --intra-op-threads
      // over them.
      ModelSpec s = servedText(choice).apply(
          ModelSpec.read(name, "1", storeDir.resolve(name).resolve("1"), null));
      Map<String, Phases> perSet = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> set : sets.entrySet()) {
        String what = choice + ", " + set.getKey() + " captions, ";
        List<String> captions = set.getValue();
        double ceiling = Stats.median(what + "in-process", repeats, () -> inProcess(s, captions));
        double batched = Stats.median(what + "HTTP, dynamic batch", repeats,
            () -> overHttp(s, cache, batch, captions));
        double single = Stats.median(what + "HTTP, batch 1", repeats,
            () -> overHttp(s, cache, 1, captions));
        perSet.put(set.getKey(), new Phases(ceiling, batched, single));
      }
      double rate = perSet.get(GENERATED).batched();
      double[] p50 = new double[repeats];
      double[] p99 = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        double[] latency = latencyAtRate(s, cache, rate / 2, sets.get(GENERATED));
        p50[i] = latency[0];
        p99[i] = latency[1];
      }
      measured.put(choice, new Model(perSet, Stats.median(p50), Stats.median(p99)));
    }
    report(repeats, new Results(measured, candidates, profiles)).finish(bench, true, System.out);
    return 0;
  }

  /** Captions the candidates' vectors are compared on, the first of the real set. */
  static final int QUALITY_CAPTIONS = 1_000;

  private List<EncoderCandidates.Candidate> chosenCandidates() {
    List<EncoderCandidates.Candidate> all =
        EncoderCandidates.all(Runtime.getRuntime().availableProcessors(), batch);
    if (candidateNames.equals(List.of("none"))) {
      return List.of();
    }
    if (candidateNames.equals(List.of("all"))) {
      return all;
    }
    List<EncoderCandidates.Candidate> out = new ArrayList<>(List.of(all.get(0)));
    for (String name : candidateNames) {
      EncoderCandidates.Candidate c = all.stream().filter(x -> x.name().equals(name)).findFirst()
          .orElseThrow(() -> new picocli.CommandLine.ParameterException(
              new picocli.CommandLine(this), "--candidates: no candidate " + name));
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  static final String GENERATED = "generated";
  static final String REAL = "real";

  /** One model on one caption set: medians in sentences/s. */
  record Phases(double inProcess, double batched, double single) {}

  /** One model: its phases per caption set, and its latency (ms) at half its HTTP rate. */
  record Model(Map<String, Phases> sets, double latencyP50, double latencyP99) {}

  /**
   * What one run measured, per model ({@code full}, {@code quantized}), and the encoder
   * candidates (the first the baseline).
   */
  record Results(Map<String, Model> models, List<EncoderCandidates.Measured> candidates,
      Map<String, EncoderCandidates.Profile> profiles) {}

  /** The table of one run. */
  BenchReport report(int repeats, Results r) {
    BenchReport report = new BenchReport("Serving", "./radar bench serving --repeats " + repeats
        + (r.models().isEmpty() ? "" : " --models " + String.join(",", r.models().keySet()))
        + (data != null ? " --data " + data + " --format " + format : "")
        + " --captions " + captionCount + " --clients " + clients + " --batch " + batch
        + " --request-size " + requestSize + " --seconds " + seconds + " --warmup-seconds "
        + warmupSeconds + (intraOpThreads > 0 ? " --intra-op-threads " + intraOpThreads : "")
        + (candidateNames.equals(List.of("all")) ? "" : " --candidates "
            + String.join(",", candidateNames)) + (http ? "" : " --no-http"));
    profileRows(report, r);
    candidateRows(report, r.candidates());
    Model full = r.models().get(TextEncoderOptions.FULL);
    for (Map.Entry<String, Model> m : r.models().entrySet()) {
      String model = m.getKey();
      for (Map.Entry<String, Phases> e : m.getValue().sets().entrySet()) {
        String set = e.getKey();
        Phases p = e.getValue();
        String key = model + "_" + set;
        String vsFull = "the ceiling on this machine";
        if (full != null && !model.equals(TextEncoderOptions.FULL) && full.sets().containsKey(set)) {
          vsFull = report.ratio(key + "_in_process_over_full",
              p.inProcess() / full.sets().get(set).inProcess()) + " times full (aim >= 3 on real captions)";
        }
        report.rowWithDecimal(key + "_in_process", model + ", " + set + ": in-process, batch " + batch,
            p.inProcess(), "sentences/s", vsFull);
        String httpNote = report.ratio(key + "_http_of_in_process", p.batched() / p.inProcess())
            + " of in-process (aim >= 0.85)";
        if (full != null && !model.equals(TextEncoderOptions.FULL) && full.sets().containsKey(set)) {
          httpNote += "; " + report.ratio(key + "_http_over_full",
              p.batched() / full.sets().get(set).batched()) + " times full";
        }
        report.rowWithDecimal(key + "_http_dynamic_batch", model + ", " + set + ": HTTP, "
            + clients + " clients, dynamic batch " + batch, p.batched(), "sentences/s", httpNote);
        report.rowWithDecimal(key + "_http_batch_1", model + ", " + set + ": HTTP, " + clients
            + " clients, batch 1", p.single(), "sentences/s", "dynamic batching gives "
            + report.ratio(key + "_dynamic_over_batch_1", p.batched() / p.single())
            + " times this (aim >= 2)");
      }
      report.rowWithDecimal(model + "_latency_p50_ms", model + ": latency p50 at half its"
          + " generated-caption HTTP rate", m.getValue().latencyP50(), "ms",
          "open loop, from each request's scheduled send");
      report.rowWithDecimal(model + "_latency_p99_ms", model + ": latency p99 at half its"
          + " generated-caption HTTP rate", m.getValue().latencyP99(), "ms", "");
    }
    if (!r.candidates().isEmpty()) {
      report.note("encoder candidates: in-process, taking turns within each repeat; cosine on"
          + " the first " + r.candidates().get(0).cosines().length + " "
          + (data != null ? "real" : "generated") + " captions; CPU ms/sentence is the process's"
          + " CPU time over the sentences (on a shared machine steadier than sentences/s).");
    }
    if (r.models().isEmpty()) {
      return report;
    }
    report.note("full: all-MiniLM-L6-v2 (minilm), quantized: its 8-bit twin (minilm-q), both on"
        + " ONNX Runtime (CPU) as the serving tier runs them (serving.text.*: "
        + servedText(TextEncoderOptions.FULL).intraOpThreads() + " thread(s) per call, workers"
        + " as set there); " + requestSize + " captions per request from up to "
        + captionCount + " per set (generated: seeded short captions"
        + (data != null ? "; real: the posts of --data" : "") + "); each phase measured for "
        + seconds + " s after " + warmupSeconds + " s of warm-up; no caption cache.");
    return report;
  }

  /** Where the baseline's time goes, per caption set (see {@link EncoderCandidates.Profile}). */
  private static void profileRows(BenchReport report, Results r) {
    for (Map.Entry<String, EncoderCandidates.Profile> e : r.profiles().entrySet()) {
      EncoderCandidates.Profile p = e.getValue();
      double cpu = r.candidates().get(0).cpuMs().get(e.getKey());
      report.rowWithDecimal("profile_" + e.getKey() + "_tokens_per_caption", "profile, "
          + e.getKey() + ": tokens per caption", p.tokensPerCaption(), "tokens", String.format(
              Locale.ROOT, "forward passes compute %.2f times the real tokens in length groups"
                  + " (%.2f padded to each batch's longest); tokenizing takes %.3f CPU ms per"
                  + " caption, %.0f%% of the baseline's %.2f, the rest is the forward pass",
              p.groupedPadding(), p.batchMaxPadding(), p.tokenizeCpuMs(),
              100 * p.tokenizeCpuMs() / cpu, cpu));
    }
  }

  private void candidateRows(BenchReport report, List<EncoderCandidates.Measured> measured) {
    if (measured.isEmpty()) {
      return;
    }
    EncoderCandidates.Measured base = measured.get(0);
    for (EncoderCandidates.Measured m : measured) {
      String name = m.candidate().name();
      String key = "encoder_" + name.replace('-', '_');
      for (String set : m.rate().keySet()) {
        double rate = m.rate().get(set);
        String note = m.candidate() == base.candidate() ? "" : report.ratio(
            key + "_" + set + "_over_baseline", rate / base.rate().get(set)) + " times baseline; ";
        report.rowWithDecimal(key + "_" + set + "_in_process", "encoder " + name + ", " + set
            + ": in-process", rate, "sentences/s", note + String.format(Locale.ROOT,
            "%.2f CPU ms/sentence", m.cpuMs().get(set)) + (m.candidate() == base.candidate()
            ? "; " + m.candidate().what() : ""));
      }
      double[] cos = m.cosines();
      double median = EncoderCandidates.quantile(cos, 0.5);
      report.row(key + "_cosine_median", "encoder " + name + ": cosine against baseline, median",
          median, String.format(Locale.ROOT, "%.4f", median), "", String.format(Locale.ROOT, "1st percentile %.4f, least %.4f over %d captions; %s",
              EncoderCandidates.quantile(cos, 0.01), cos[0], cos.length, m.candidate().what()));
    }
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

  /** The serving tier's text settings for {@code choice}, with --intra-op-threads over them. */
  private TextEncoderOptions servedText(String choice) {
    TextEncoderOptions served = TextEncoderOptions.defaults();
    return new TextEncoderOptions(choice,
        intraOpThreads > 0 ? intraOpThreads : served.intraOpThreads(), served.maxTokens(), 0,
        served.workers());
  }

  /** The model at {@code batch}, on as many threads as the serving tier gives it workers. */
  private double inProcess(ModelSpec spec, List<String> captions) throws Exception {
    return EncoderCandidates.inProcess(spec, spec.batching().workers(), batch, captions,
        warmupSeconds, seconds);
  }

  /** A node serving only {@code spec}'s model, at {@code batchSize}, without a caption cache. */
  private ServingNode node(ModelSpec spec, Path cache, int batchSize) throws Exception {
    Path dir = Files.createTempDirectory("radar-bench-store");
    Path version = Files.createDirectories(dir.resolve(spec.name()).resolve("1"));
    List<String> props = new ArrayList<>(List.of(
        "kind=text-encoder", "engine=OnnxRuntime", "device=cpu",
        "model.file=" + spec.file("model.file", "model.onnx").toAbsolutePath(),
        "tokenizer.file=" + spec.file("tokenizer.file", "tokenizer.json").toAbsolutePath(),
        "max.tokens=" + spec.integer("max.tokens", SentenceEncoder.DEFAULT_MAX_TOKENS),
        "batch.size=" + batchSize, "batch.delay.ms=" + (batchSize == 1 ? 0 : 5),
        "queue.capacity=100000", "timeout.ms=60000"));
    Files.writeString(version.resolve(ModelSpec.FILE), String.join("\n", props) + "\n");
    return ServingNode.start(ServingNode.Options.from(ServingSettings.onAFreePort(dir, cache)
        .with(ServingSettings.TEXT_INTRA_OP_THREADS,
            spec.integer(TextEncoderOptions.INTRA_OP_THREADS_PROPERTY, 0), "bench")
        .with(ServingSettings.TEXT_WORKERS, spec.batching().workers(), "bench")
        .with(ServingSettings.THREADS, Math.max(16, clients * 2), "bench")
        .with(ServingSettings.TEXT_CACHE_SIZE, 0, "bench"), dir));
  }

  private double overHttp(ModelSpec spec, Path cache, int batchSize, List<String> captions)
      throws Exception {
    try (ServingNode node = node(spec, cache, batchSize)) {
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
  private double[] latencyAtRate(ModelSpec spec, Path cache, double sentencesPerSecond,
      List<String> captions) throws Exception {
    try (ServingNode node = node(spec, cache, batch)) {
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
