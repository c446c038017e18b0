package io.challengeradar.app.bench;

import com.sun.management.OperatingSystemMXBean;
import io.challengeradar.serving.engine.BatchPredictor;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.SentenceEncoder;
import io.challengeradar.serving.model.TextEncoderOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The text encoder's CPU candidates against today's full-model path, in one run: each candidate
 * in-process on every caption set, the candidates taking turns within each repeat (so a change
 * of load on a shared machine falls on all of them alike), and each one's vectors against the
 * baseline's on real captions (cosine median and 1st percentile).
 *
 * <p>Besides sentences/s it reports the process CPU time per sentence, which a busy machine
 * disturbs far less than the wall clock: it shows what a candidate costs, including ONNX
 * Runtime's threads spin-waiting.
 */
final class EncoderCandidates {

  /**
   * One way to run the encoder in-process.
   *
   * @param intraOpThreads ONNX Runtime threads per call; 0 for its own choice
   * @param workers calls side by side, each on its own thread with its own predictor
   * @param batch captions per call
   * @param maxTokens token limit; 0 keeps the model's (256)
   */
  record Candidate(String name, String model, int intraOpThreads, int workers, int batch,
      int maxTokens, String what) {}

  /**
   * Where the baseline's time goes on one caption set: its tokens per caption, the tokens its
   * forward passes compute with padding (in length groups, as it runs, and padded to each
   * batch's longest), and the CPU the tokenizer alone takes per caption. The rest of the
   * baseline's CPU ms per sentence is the forward pass (pooling is a few vector sums).
   */
  record Profile(double tokensPerCaption, double groupedPadding, double batchMaxPadding,
      double tokenizeCpuMs) {}

  /** What one candidate measured: per caption set, sentences/s and CPU ms per sentence. */
  record Measured(Candidate candidate, Map<String, Double> rate, Map<String, Double> cpuMs,
      double[] cosines) {}

  static final String BASELINE = "baseline";

  /**
   * The baseline (the full model as main served it before: ONNX Runtime's own threads, one
   * worker, batch 32) and the remedies, alone and together; the serving default's settings are
   * {@code default}'s.
   */
  static List<Candidate> all(int cores, int batch) {
    return List.of(
        new Candidate(BASELINE, TextEncoderOptions.FULL, 0, 1, batch, 0,
            "full; ONNX Runtime's own threads (every core, spin-waiting), 1 worker"),
        new Candidate("full-1-thread", TextEncoderOptions.FULL, 1, 1, batch, 0,
            "full; 1 thread, 1 worker"),
        new Candidate("default", TextEncoderOptions.FULL, 1, cores, batch, 0,
            "full; 1 thread per call, " + cores + " workers (the serving default)"),
        new Candidate("default-batch-128", TextEncoderOptions.FULL, 1, cores, 128, 0,
            "as default, 128 captions per call (wider length groups)"),
        new Candidate("default-tokens-64", TextEncoderOptions.FULL, 1, cores, batch, 64,
            "as default, token limit 64"),
        new Candidate("quantized-main", TextEncoderOptions.QUANTIZED, 0, 1, batch, 0,
            "quantized; ONNX Runtime's own threads, 1 worker (main's serving default)"),
        new Candidate("quantized-tuned", TextEncoderOptions.QUANTIZED, 1, cores, batch, 0,
            "quantized; 1 thread per call, " + cores + " workers"));
  }

  private EncoderCandidates() {}

  /**
   * Measures {@code candidates} (the first is the baseline) on {@code sets}, {@code repeats}
   * turns each, and their cosine against the baseline on {@code quality} captions.
   */
  static List<Measured> measure(Path store, List<Candidate> candidates,
      Map<String, List<String>> sets, List<String> quality, int repeats, int warmupSeconds,
      int seconds, Map<String, Profile> profiles) throws Exception {
    List<Loaded> loaded = new ArrayList<>();
    try {
      for (Candidate c : candidates) {
        loaded.add(new Loaded(c, SentenceEncoder.load(spec(store, c))));
      }
      for (Map.Entry<String, List<String>> set : sets.entrySet()) {
        profiles.put(set.getKey(), profile(loaded.get(0), set.getValue()));
      }
      List<float[]> reference = embed(loaded.get(0), quality);
      List<Measured> out = new ArrayList<>();
      for (Loaded l : loaded) {
        out.add(new Measured(l.candidate(), new LinkedHashMap<>(), new LinkedHashMap<>(),
            cosines(reference, embed(l, quality))));
      }
      for (Map.Entry<String, List<String>> set : sets.entrySet()) {
        double[][] rates = new double[loaded.size()][repeats];
        double[][] cpu = new double[loaded.size()][repeats];
        for (Loaded l : loaded) {
          l.run(set.getValue(), warmupSeconds);
        }
        for (int r = 0; r < repeats; r++) {
          for (int i = 0; i < loaded.size(); i++) {
            double[] phase = loaded.get(i).run(set.getValue(), seconds);
            rates[i][r] = phase[0];
            cpu[i][r] = phase[1];
            System.err.printf(Locale.ROOT, "encoder %s, %s captions: run %d/%d %,.0f/s, %.2f"
                + " CPU ms/sentence%n", loaded.get(i).candidate().name(), set.getKey(), r + 1,
                repeats, phase[0], phase[1]);
          }
        }
        for (int i = 0; i < loaded.size(); i++) {
          out.get(i).rate().put(set.getKey(), Stats.median(rates[i]));
          out.get(i).cpuMs().put(set.getKey(), Stats.median(cpu[i]));
        }
      }
      return out;
    } finally {
      for (Loaded l : loaded) {
        l.encoder().close();
      }
    }
  }

  static ModelSpec spec(Path store, Candidate c) throws java.io.IOException {
    TextEncoderOptions text = new TextEncoderOptions(c.model(), c.intraOpThreads(),
        c.maxTokens(), 0, c.workers());
    String name = text.modelName();
    return text.apply(ModelSpec.read(name, "1", store.resolve(name).resolve("1"), null));
  }

  /** Sorted cosines of each pair of vectors (unit length, so their dot products). */
  static double[] cosines(List<float[]> a, List<float[]> b) {
    double[] cos = new double[a.size()];
    for (int i = 0; i < cos.length; i++) {
      double s = 0;
      for (int d = 0; d < a.get(i).length; d++) {
        s += a.get(i)[d] * b.get(i)[d];
      }
      cos[i] = s;
    }
    Arrays.sort(cos);
    return cos;
  }

  /** The value at quantile {@code q} of sorted values (nearest rank below). */
  static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.floor(q * (sorted.length - 1))];
  }

  private static Profile profile(Loaded baseline, List<String> captions) {
    int batch = baseline.candidate().batch();
    long real = 0;
    long grouped = 0;
    long padded = 0;
    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    baseline.encoder().tokenCounts(captions.subList(0, Math.min(batch, captions.size())));
    long cpuStart = os.getProcessCpuTime();
    for (int i = 0; i < captions.size(); i += batch) {
      int[] lengths = baseline.encoder().tokenCounts(
          captions.subList(i, Math.min(captions.size(), i + batch)));
      for (int n : lengths) {
        real += n;
      }
      grouped += SentenceEncoder.paddedTokens(lengths, true);
      padded += SentenceEncoder.paddedTokens(lengths, false);
    }
    double tokenizeMs = (os.getProcessCpuTime() - cpuStart) / 1e6 / captions.size();
    return new Profile((double) real / captions.size(), (double) grouped / real,
        (double) padded / real, tokenizeMs);
  }

  private static List<float[]> embed(Loaded l, List<String> captions) throws Exception {
    List<float[]> out = new ArrayList<>();
    try (BatchPredictor<String, SentenceEncoder.Embedding> p = l.encoder().newPredictor()) {
      for (int i = 0; i < captions.size(); i += l.candidate().batch()) {
        for (SentenceEncoder.Embedding e : p.predict(
            captions.subList(i, Math.min(captions.size(), i + l.candidate().batch())))) {
          out.add(e.vector());
        }
      }
    }
    return out;
  }

  /** Sentences/s of {@code spec}'s encoder in-process on {@code workers} threads. */
  static double inProcess(ModelSpec spec, int workers, int batch, List<String> captions,
      int warmupSeconds, int seconds) throws Exception {
    Candidate c = new Candidate(spec.name(), spec.name(), 0, workers, batch, 0, "");
    try (SentenceEncoder encoder = SentenceEncoder.load(spec)) {
      Loaded l = new Loaded(c, encoder);
      l.run(captions, warmupSeconds);
      return l.run(captions, seconds)[0];
    }
  }

  private record Loaded(Candidate candidate, SentenceEncoder encoder) {

    /** {@code workers} threads, each calling its own predictor on the next batch: rate, CPU. */
    double[] run(List<String> captions, int secs) throws Exception {
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      AtomicLong next = new AtomicLong();
      AtomicLong done = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(secs);
      for (int w = 0; w < candidate.workers(); w++) {
        Thread t = new Thread(() -> {
          try (BatchPredictor<String, SentenceEncoder.Embedding> p = encoder.newPredictor()) {
            while (System.nanoTime() < end) {
              long from = next.getAndAdd(candidate.batch());
              List<String> batch = new ArrayList<>(candidate.batch());
              for (int i = 0; i < candidate.batch(); i++) {
                batch.add(captions.get((int) Math.floorMod(from + i, (long) captions.size())));
              }
              p.predict(batch);
              done.addAndGet(batch.size());
            }
          } catch (Exception e) {
            failures.add(e);
          }
        }, "bench-encoder-" + w);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
      return new double[] {done.get() / seconds, cpuMs / Math.max(1, done.get())};
    }
  }
}
