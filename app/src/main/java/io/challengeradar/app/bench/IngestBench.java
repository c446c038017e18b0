package io.challengeradar.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.importer.FlatCsvSample;
import io.challengeradar.core.importer.ImportStats;
import io.challengeradar.core.importer.Importer;
import io.challengeradar.core.importer.Importers;
import io.challengeradar.core.util.Progress;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest throughput, in one run: reading lines (the baseline), decoding them with the strict
 * codec, each importer over the real data it reads, and bulk indexing into the local
 * Elasticsearch, the ceiling that the streaming pipeline is later compared with.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Importer and codec throughput (events/s, one thread) and the bulk-indexing"
        + " rate into the local Elasticsearch (docs/s).")
public final class IngestBench implements Callable<Integer> {

  /** The real data each importer is measured on, relative to the data folder. */
  static final Map<String, String> IMPORT_INPUTS = new LinkedHashMap<>();

  static {
    IMPORT_INPUTS.put("tiktok-scraper-json", "tiktok-trending-dec2020");
    IMPORT_INPUTS.put("tiktokapi-csv", "tiktok-trending-2021-tiktokapi");
    IMPORT_INPUTS.put("vn-feed-csv", "tiktok-vn-feed-recrawl-2025/feed_raw_data.csv");
    IMPORT_INPUTS.put("datares-users-csv", "tiktok-datares-users-sounds-2020/user_videos");
    IMPORT_INPUTS.put("youtube-trending-csv", "youtube-trending-2017");
  }

  /** Rows of the generated flat CSV read through a mapping file. */
  static final int FLAT_CSV_ROWS = 100_000;

  @Option(names = "--repeats", defaultValue = "5", description = "Runs per measure (default ${DEFAULT-VALUE}); the median is reported.")
  int repeats;

  @Option(names = "--posts", defaultValue = "20000", description = "Generated posts for the codec and indexing runs (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--port", defaultValue = "19299", description = "Port of the Elasticsearch this benchmark starts (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data", description = "The public data folder (default: ../shared/data beside the project).")
  Path data;

  @Option(names = "--no-record", description = "Do not append the results to docs/benchmarks.md.")
  boolean noRecord;

  @Override
  public Integer call() throws Exception {
    Path root = RadarHome.projectRoot();
    Path dataDir = data != null ? data : root.resolve("../shared/data").normalize();
    Path work = Files.createDirectories(RadarHome.resolve().resolve("bench"));
    Path events = work.resolve("bench-events.ndjson");
    try (OutputStream out = Files.newOutputStream(events)) {
      new StreamGenerator(GeneratorOptions.of(42, posts)).writeTo(out, Progress.silent());
    }
    BenchReport report = new BenchReport("Ingest", "./radar bench ingest --repeats " + repeats
        + " --posts " + posts);
    EventCodec codec = EventCodec.withDefaults();

    double read = measure("read lines", () -> readLines(events));
    double decode = measure("decode", () -> decodeLines(events, codec));
    report.row("read NDJSON lines (baseline)", BenchReport.fmt(read), "lines/s", "one thread");
    report.row("decode with the strict codec", BenchReport.fmt(decode), "events/s",
        "one thread; " + BenchReport.ratio(decode / read) + " of reading");

    // Generated, so it is measured with or without the data folder.
    FlatCsvSample.Sample flat = FlatCsvSample.write(work.resolve("flat-csv"), FLAT_CSV_ROWS, 42);
    double mapped = measure("import mapped flat CSV", () -> Importers.mapped(flat.mapping(), null,
        codec).importFrom(flat.csv(), ev -> {}, r -> {}, Progress.silent()).rowsRead());
    report.row("import a flat CSV through a mapping file", BenchReport.fmt(mapped), "rows/s",
        "one thread, " + FLAT_CSV_ROWS + " generated rows, a post and a snapshot each");

    if (Files.isDirectory(dataDir)) {
      for (Map.Entry<String, String> e : IMPORT_INPUTS.entrySet()) {
        Path in = dataDir.resolve(e.getValue());
        if (!Files.exists(in)) {
          continue;
        }
        Importer importer = Importers.forFormat(e.getKey());
        long[] eventsOut = new long[1];
        double rate = measure("import " + e.getKey(), () -> {
          ImportStats stats = importer.importFrom(in, ev -> {}, r -> {}, Progress.silent());
          eventsOut[0] = stats.eventsEmitted();
          return stats.eventsEmitted();
        });
        report.row("import " + e.getKey(), BenchReport.fmt(rate), "events/s",
            "one thread, " + eventsOut[0] + " events from " + e.getValue());
      }
    } else {
      report.note("Importers not measured: no data folder at " + dataDir + ".");
    }

    PlatformOptions options = PlatformOptions.defaults(RadarHome.resolve().resolve("bench"))
        .withElasticsearch(
            ElasticsearchOptions.defaults(RadarHome.resolve().resolve("bench")).withHttpPort(port));
    try (RunningPlatform platform = LocalPlatform.start(options, System.err)) {
      for (int concurrency : new int[] {1, 2}) {
        double rate = measure("bulk index x" + concurrency,
            () -> indexAll(platform.client(), events, codec, concurrency));
        report.row("bulk index, " + concurrency + " request(s) in flight", BenchReport.fmt(rate),
            "docs/s", "generated stream, " + posts + " posts and their snapshots");
      }
    }
    report.print(System.out);
    if (!noRecord) {
      Path doc = root.resolve("docs/benchmarks.md");
      report.appendTo(doc, "Ingest");
      System.err.println("recorded in " + doc);
    }
    return 0;
  }

  @FunctionalInterface
  private interface Run {
    /** Does the work once and returns how many items it handled. */
    long once() throws Exception;
  }

  private double measure(String what, Run run) throws Exception {
    run.once(); // warm-up: JIT and page cache
    double[] rates = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      long items = run.once();
      rates[i] = items / ((System.nanoTime() - start) / 1e9);
      System.err.printf("%s: run %d/%d %,.0f/s%n", what, i + 1, repeats, rates[i]);
    }
    return Stats.median(rates);
  }

  private static long readLines(Path file) throws IOException {
    long n = 0;
    try (InputStream in = Files.newInputStream(file);
        NdjsonReader reader = new NdjsonReader(in, 1 << 20)) {
      while (reader.next() != null) {
        n++;
      }
    }
    return n;
  }

  private static long decodeLines(Path file, EventCodec codec) throws IOException {
    long n = 0;
    try (InputStream in = Files.newInputStream(file);
        NdjsonReader reader = new NdjsonReader(in, 1 << 20)) {
      NdjsonReader.Line line;
      while ((line = reader.next()) != null) {
        try {
          codec.decode(line.bytes());
          n++;
        } catch (InvalidEventException e) {
          throw new IllegalStateException("generated line " + line.number() + " is invalid", e);
        }
      }
    }
    return n;
  }

  /**
   * Bulk-indexes every event of {@code events} straight into Elasticsearch, without the
   * pipeline: the ceiling the pipeline's end-to-end rate is compared with. Returns the documents
   * indexed.
   */
  static long indexAll(ElasticsearchClient client, Path events, EventCodec codec,
      int concurrency) throws IOException {
    // Named, not a wildcard: Elasticsearch refuses wildcard deletes by default.
    client.indices().delete(d -> d.index(EventIndexer.VIDEOS, EventIndexer.ENGAGEMENT,
        EventIndexer.DEADLETTER).ignoreUnavailable(true));
    EventIndexer indexer =
        new EventIndexer(client, EventIndexer.DEFAULT_MAX_OPERATIONS, concurrency);
    try {
      new Replay(codec).run(events, indexer, Progress.silent());
    } finally {
      indexer.close();
    }
    return indexer.indexed();
  }
}
