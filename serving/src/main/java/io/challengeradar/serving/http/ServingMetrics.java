package io.challengeradar.serving.http;

import io.challengeradar.serving.ServingException;
import io.challengeradar.serving.engine.EngineListener;
import io.challengeradar.serving.model.CaptionCache;
import io.challengeradar.serving.model.LoadedModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counters and histograms in the Prometheus text format (version 0.0.4), written by hand because
 * a handful of series does not justify a client library.
 */
public final class ServingMetrics implements EngineListener {

  private static final double[] BATCH_SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};
  private static final double[] SECONDS_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<String, Histogram> batchSize = new ConcurrentHashMap<>();
  private final Map<String, Histogram> batchSeconds = new ConcurrentHashMap<>();
  private final Map<String, Histogram> requestSeconds = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> engineFailures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> workerDeaths = new ConcurrentHashMap<>();
  private final CaptionCache captions;

  /** Metrics without a caption cache. */
  public ServingMetrics() {
    this(CaptionCache.OFF);
  }

  /** @param captions the caption cache whose hits, misses and size are read at scrape time */
  public ServingMetrics(CaptionCache captions) {
    this.captions = captions;
  }

  /** A cumulative histogram with fixed upper bounds. */
  static final class Histogram {
    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder sum =
        new java.util.concurrent.atomic.DoubleAdder();

    Histogram(double[] bounds) {
      this.bounds = bounds;
      this.counts = new LongAdder[bounds.length];
      for (int i = 0; i < bounds.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double v) {
      for (int i = 0; i < bounds.length; i++) {
        if (v <= bounds[i]) {
          counts[i].increment();
          break;
        }
      }
      count.increment();
      sum.add(v);
    }

    void write(StringBuilder out, String name, String labels) {
      long cumulative = 0;
      String sep = labels.isEmpty() ? "" : labels + ",";
      for (int i = 0; i < bounds.length; i++) {
        cumulative += counts[i].sum();
        out.append(name).append("_bucket{").append(sep).append("le=\"")
            .append(num(bounds[i])).append("\"} ").append(cumulative).append('\n');
      }
      out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ")
          .append(count.sum()).append('\n');
      String braces = labels.isEmpty() ? "" : "{" + labels + "}";
      out.append(name).append("_sum").append(braces).append(' ').append(num(sum.sum())).append('\n');
      out.append(name).append("_count").append(braces).append(' ').append(count.sum()).append('\n');
    }
  }

  @Override
  public void batchRan(String model, int size, long nanos) {
    batchSize.computeIfAbsent(model, k -> new Histogram(BATCH_SIZE_BUCKETS)).observe(size);
    batchSeconds.computeIfAbsent(model, k -> new Histogram(SECONDS_BUCKETS)).observe(nanos / 1e9);
  }

  @Override
  public void failed(String model, ServingException error) {
    engineFailures.computeIfAbsent(model + "\u0000" + error.type(), k -> new LongAdder()).increment();
  }

  @Override
  public void workerDied(String model, Throwable error) {
    workerDeaths.computeIfAbsent(model, k -> new LongAdder()).increment();
  }

  /** One error answer, by its type ({@code bad_input}, {@code over_capacity}, ...). */
  public void countError(String type) {
    errors.computeIfAbsent(type, k -> new LongAdder()).increment();
  }

  /** One HTTP request finished. */
  public void requestDone(String endpoint, int status, long nanos) {
    requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new LongAdder()).increment();
    requestSeconds.computeIfAbsent(endpoint, k -> new Histogram(SECONDS_BUCKETS)).observe(nanos / 1e9);
  }

  /** The exposition text; queue depths are read from the models at scrape time. */
  public String render(Supplier<List<LoadedModel<?, ?>>> models) {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP radar_serving_queue_depth Items waiting for a worker, per model.\n");
    out.append("# TYPE radar_serving_queue_depth gauge\n");
    for (LoadedModel<?, ?> m : models.get()) {
      out.append("radar_serving_queue_depth{model=\"").append(esc(m.name())).append("\",version=\"")
          .append(esc(m.version())).append("\"} ").append(m.engine().queueDepth()).append('\n');
    }
    histograms(out, "radar_serving_batch_size", "Items per model call.", "model", batchSize);
    histograms(out, "radar_serving_batch_seconds", "Time per model call.", "model", batchSeconds);
    histograms(
        out, "radar_serving_request_seconds", "HTTP request latency.", "endpoint", requestSeconds);
    out.append("# HELP radar_serving_requests_total HTTP requests by endpoint and status.\n");
    out.append("# TYPE radar_serving_requests_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(requests).entrySet()) {
      String[] k = e.getKey().split("\u0000");
      out.append("radar_serving_requests_total{endpoint=\"").append(esc(k[0]))
          .append("\",status=\"").append(k[1]).append("\"} ").append(e.getValue().sum()).append('\n');
    }
    out.append("# HELP radar_serving_errors_total Errors by type.\n");
    out.append("# TYPE radar_serving_errors_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(errors).entrySet()) {
      out.append("radar_serving_errors_total{type=\"").append(esc(e.getKey())).append("\"} ")
          .append(e.getValue().sum()).append('\n');
    }
    out.append("# HELP radar_serving_engine_failures_total Items or submissions a model engine failed.\n");
    out.append("# TYPE radar_serving_engine_failures_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(engineFailures).entrySet()) {
      String[] k = e.getKey().split("\u0000");
      out.append("radar_serving_engine_failures_total{model=\"").append(esc(k[0]))
          .append("\",type=\"").append(esc(k[1])).append("\"} ").append(e.getValue().sum())
          .append('\n');
    }
    out.append("# HELP radar_serving_worker_deaths_total Model worker threads killed by an Error"
        + " (restarted after serving.batch.worker-restart-delay).\n");
    out.append("# TYPE radar_serving_worker_deaths_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(workerDeaths).entrySet()) {
      out.append("radar_serving_worker_deaths_total{model=\"").append(esc(e.getKey()))
          .append("\"} ").append(e.getValue().sum()).append('\n');
    }
    out.append("# HELP radar_serving_caption_cache_hits_total Captions answered from the cache.\n");
    out.append("# TYPE radar_serving_caption_cache_hits_total counter\n");
    out.append("radar_serving_caption_cache_hits_total ").append(captions.hits()).append('\n');
    out.append("# HELP radar_serving_caption_cache_misses_total Captions looked up and not found.\n");
    out.append("# TYPE radar_serving_caption_cache_misses_total counter\n");
    out.append("radar_serving_caption_cache_misses_total ").append(captions.misses()).append('\n');
    out.append("# HELP radar_serving_caption_cache_entries Caption vectors held (of capacity).\n");
    out.append("# TYPE radar_serving_caption_cache_entries gauge\n");
    out.append("radar_serving_caption_cache_entries{capacity=\"").append(captions.capacity())
        .append("\"} ").append(captions.size()).append('\n');
    return out.toString();
  }

  private static void histograms(
      StringBuilder out, String name, String help, String label, Map<String, Histogram> series) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    for (Map.Entry<String, Histogram> e : new TreeMap<>(series).entrySet()) {
      e.getValue().write(out, name, label + "=\"" + esc(e.getKey()) + "\"");
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
