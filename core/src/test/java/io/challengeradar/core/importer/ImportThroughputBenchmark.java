package io.challengeradar.core.importer;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Single-core import throughput over the real data sets: not a test (run it by hand, see
 * docs/importers.md). For each format it warms up, then imports the data set several times and
 * prints one table row with events per CPU-second of the importing thread (one core, whatever
 * else the machine is doing), next to a baseline measured in the same run: reading the same CSV
 * files with the CSV reader alone, every field decoded.
 *
 * <pre>
 * ./mvnw -q -pl core test-compile
 * java -cp "core/target/classes:core/target/test-classes:app/target/lib/*" \
 *   io.challengeradar.core.importer.ImportThroughputBenchmark [../shared/data]
 * </pre>
 */
public final class ImportThroughputBenchmark {

  private static final int WARMUP_ROUNDS = 8;
  private static final int MEASURED_ROUNDS = 5;

  private static final String[][] CASES = {
    {"tiktok-scraper-json", "tiktok-trending-dec2020"},
    {"tiktokapi-csv", "tiktok-trending-2021-tiktokapi"},
    {"datares-users-csv", "tiktok-datares-users-sounds-2020/user_videos"},
    {"datares-sounds-csv", "tiktok-datares-users-sounds-2020/sounds"},
    {"vn-feed-csv", "tiktok-vn-feed-recrawl-2025"},
    {"vn-histories-csv", "tiktok-vn-feed-recrawl-2025"},
    {"youtube-trending-csv", "youtube-trending-2017"},
  };

  private ImportThroughputBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path data = args.length > 0 ? Path.of(args[0]) : RealDataImportTest.dataDir();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    System.out.printf(Locale.ROOT, "%-22s %9s %13s %11s %20s%n", "format", "events",
        "events/cpu-s", "rows/cpu-s", "baseline rows/cpu-s");
    mappedFlatCsv(cpu);
    for (String[] c : CASES) {
      Path in = data.resolve(c[1]);
      if (!Files.isDirectory(in)) {
        System.out.printf(Locale.ROOT, "%-22s  (no data at %s)%n", c[0], in);
        continue;
      }
      long[] written = {0};
      EventSink sink = new EventSink() {
        @Override
        public void accept(Event e) {}

        @Override
        public void accept(Event e, String line) {
          written[0] += line.length() + 1; // what a file sink would write
        }
      };
      ImportStats stats = null;
      for (int i = 0; i < WARMUP_ROUNDS; i++) {
        stats = Importers.forFormat(c[0]).importFrom(in, sink, r -> {}, Progress.silent());
      }
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < MEASURED_ROUNDS; i++) {
        Importers.forFormat(c[0]).importFrom(in, sink, r -> {}, Progress.silent());
      }
      double secs = (cpu.getCurrentThreadCpuTime() - t0) / 1e9 / MEASURED_ROUNDS;
      String baseline = c[0].endsWith("-csv")
          ? String.format(Locale.ROOT, "%,20.0f", baselineRowsPerSecond(in, c[0], cpu))
          : String.format(Locale.ROOT, "%20s", "-");
      System.out.printf(Locale.ROOT, "%-22s %,9d %,13.0f %,11.0f %s%n", c[0],
          stats.eventsEmitted(), stats.eventsEmitted() / secs, stats.rowsRead() / secs,
          baseline);
    }
  }

  /** A generated flat CSV of 100,000 rows through its mapping file ({@link FlatCsvSample}). */
  private static void mappedFlatCsv(ThreadMXBean cpu) throws IOException {
    Path dir = Files.createTempDirectory("flat-csv");
    FlatCsvSample.Sample sample = FlatCsvSample.write(dir, 100_000, 42);
    ImportStats stats = null;
    for (int i = 0; i < WARMUP_ROUNDS; i++) {
      stats = Importers.mapped(sample.mapping(), null, Collected.CODEC)
          .importFrom(sample.csv(), e -> {}, r -> {}, Progress.silent());
    }
    long t0 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < MEASURED_ROUNDS; i++) {
      Importers.mapped(sample.mapping(), null, Collected.CODEC)
          .importFrom(sample.csv(), e -> {}, r -> {}, Progress.silent());
    }
    double secs = (cpu.getCurrentThreadCpuTime() - t0) / 1e9 / MEASURED_ROUNDS;
    if (stats.rowsRejected() > 0) {
      throw new IllegalStateException("the generated sample must convert whole: " + stats);
    }
    System.out.printf(Locale.ROOT, "%-22s %,9d %,13.0f %,11.0f %,20.0f%n", "mapped (flat CSV)",
        stats.eventsEmitted(), stats.eventsEmitted() / secs, stats.rowsRead() / secs,
        baselineRowsPerSecond(sample.csv(), "mapped", cpu));
  }

  /** Rows per CPU-second of reading the same files with the CSV reader alone. */
  private static double baselineRowsPerSecond(Path in, String format, ThreadMXBean cpu)
      throws IOException {
    List<Path> files = csvFiles(in, format);
    long rows = 0;
    long t0 = 0;
    for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
      if (round == WARMUP_ROUNDS) {
        rows = 0;
        t0 = cpu.getCurrentThreadCpuTime();
      }
      for (Path f : files) {
        try (CsvReader r = CsvImporter.open(f)) {
          CsvReader.CsvRecord rec;
          while ((rec = r.next()) != null) {
            for (int i = 0; i < rec.size(); i++) {
              try {
                rec.text(i, "f");
              } catch (RowException e) {
                // counted like any decoded field
              }
            }
            rows++;
          }
        }
      }
    }
    return rows / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
  }

  private static List<Path> csvFiles(Path in, String format) throws IOException {
    String glob = switch (format) {
      case "datares-users-csv" -> "*_vids*.csv";
      case "datares-sounds-csv" -> "song_*.csv";
      case "vn-feed-csv" -> "{feed,recrawl}*.csv";
      case "vn-histories-csv" -> "*histor*.csv";
      case "youtube-trending-csv" -> "*videos*.csv";
      default -> "*.csv";
    };
    try (Stream<Path> s = Stream.of(in)) {
      return s.flatMap(p -> {
        try {
          return InputFiles.list(p, glob, format).stream();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
