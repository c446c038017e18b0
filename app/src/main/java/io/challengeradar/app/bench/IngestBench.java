package io.challengeradar.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.contract.Index;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.core.event.NdjsonReader;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  /** Rows of the generated flat CSV read through a mapping file (a post and a snapshot each). */
  static final int FLAT_CSV_ROWS = 100_000;

  @Mixin BenchOptions bench = new BenchOptions(5);

  @Option(names = "--posts", defaultValue = "20000", description = "Generated posts for the codec and indexing runs (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--port", defaultValue = "19299", description = "Port of the Elasticsearch this benchmark starts (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data", description = "The public data folder (default: ../shared/data beside the project).")
  Path data;

  /** An importer's median rate over the real data it read. */
  record Imported(String input, long events, double rate) {}

  /** What one run measured: medians in items per second. */
  record Results(double read, double decode, Map<String, Imported> imports, Path dataDir,
      boolean dataFound, double bulkOne, double bulkTwo) {}

  @Override
  public Integer call() throws Exception {
    int repeats = bench.repeats();
    Path root = RadarHome.projectRoot();
    Path dataDir = data != null ? data : root.resolve("../shared/data").normalize();
    Path work = Files.createDirectories(RadarHome.resolve().resolve("bench"));
    Path events = work.resolve("bench-events.ndjson");
    BenchEvents.generate(events, posts);
    EventCodec codec = EventCodec.withDefaults();

    double read = measure("read lines", repeats, () -> readLines(events));
    double decode = measure("decode", repeats, () -> decodeLines(events, codec));

    Map<String, Imported> imports = new LinkedHashMap<>();
    // Generated, so a mapped layout is measured with or without the data folder.
    FlatCsvSample.Sample flat = FlatCsvSample.write(work.resolve("flat-csv"), FLAT_CSV_ROWS, 42);
    Importer mapped = Importers.mapped(flat.mapping(), null, codec);
    double flatRate = measure("import mapped flat CSV", repeats, () -> mapped
        .importFrom(flat.csv(), ev -> {}, r -> {}, Progress.silent()).eventsEmitted());
    imports.put("mapped", new Imported(FLAT_CSV_ROWS + " generated flat CSV rows",
        2L * FLAT_CSV_ROWS, flatRate));
    boolean dataFound = Files.isDirectory(dataDir);
    if (dataFound) {
      for (Map.Entry<String, String> e : IMPORT_INPUTS.entrySet()) {
        Path in = dataDir.resolve(e.getValue());
        if (!Files.exists(in)) {
          continue;
        }
        Importer importer = Importers.forFormat(e.getKey());
        long[] eventsOut = new long[1];
        double rate = measure("import " + e.getKey(), repeats, () -> {
          ImportStats stats = importer.importFrom(in, ev -> {}, r -> {}, Progress.silent());
          eventsOut[0] = stats.eventsEmitted();
          return stats.eventsEmitted();
        });
        imports.put(e.getKey(), new Imported(e.getValue(), eventsOut[0], rate));
      }
    }

    PlatformOptions options = PlatformOptions.defaults(RadarHome.resolve().resolve("bench"))
        .withElasticsearch(
            ElasticsearchOptions.defaults(RadarHome.resolve().resolve("bench")).withHttpPort(port));
    double[] bulk = new double[2];
    try (RunningPlatform platform = LocalPlatform.start(options, System.err)) {
      for (int concurrency = 1; concurrency <= bulk.length; concurrency++) {
        int inFlight = concurrency;
        bulk[concurrency - 1] = measure("bulk index x" + concurrency, repeats,
            () -> indexAll(platform.client(), events, codec, inFlight));
      }
    }
    report(repeats, posts,
        new Results(read, decode, imports, dataDir, dataFound, bulk[0], bulk[1]))
        .finish(bench, true, System.out);
    return 0;
  }

  /** The table of one run. */
  static BenchReport report(int repeats, int posts, Results r) {
    BenchReport report = new BenchReport("Ingest", "./radar bench ingest --repeats " + repeats
        + " --posts " + posts);
    report.row("read_lines", "read NDJSON lines (baseline)", r.read(), "lines/s", "one thread");
    report.row("decode", "decode with the strict codec", r.decode(), "events/s",
        "one thread; " + report.ratio("decode_of_read", r.decode() / r.read()) + " of reading");
    r.imports().forEach((format, imported) -> report.row(
        "import_" + format.replace('-', '_'), "import " + format, imported.rate(), "events/s",
        "one thread, " + imported.events() + " events from " + imported.input()));
    if (!r.dataFound()) {
      report.note("Importers not measured: no data folder at " + r.dataDir() + ".");
    }
    String bulkNote = "generated stream, " + posts + " posts and their snapshots";
    report.row("bulk_index_1", "bulk index, 1 request(s) in flight", r.bulkOne(), "docs/s",
        bulkNote);
    report.row("bulk_index_2", "bulk index, 2 request(s) in flight", r.bulkTwo(), "docs/s",
        bulkNote);
    return report;
  }

  @FunctionalInterface
  private interface Run {
    /** Does the work once and returns how many items it handled. */
    long once() throws Exception;
  }

  /** A warm-up, then {@code repeats} timed runs of {@code run}; the median items per second. */
  private static double measure(String what, int repeats, Run run) throws Exception {
    return Stats.medianRate(what, repeats, () -> {
      long start = System.nanoTime();
      long items = run.once();
      return items / ((System.nanoTime() - start) / 1e9);
    });
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
    client.indices().delete(d -> d.index(Index.names(Index.VIDEOS, Index.ENGAGEMENT,
        Index.DEADLETTER)).ignoreUnavailable(true));
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
