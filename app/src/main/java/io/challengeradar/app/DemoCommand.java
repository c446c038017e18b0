package io.challengeradar.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.challengeradar.app.demo.EventIndexer;
import io.challengeradar.app.demo.Replay;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.generator.GenerationSummary;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The platform on its embedded default: a real Elasticsearch, a generated (or imported) stream,
 * every event indexed or dead-lettered, and a summary whose counts add up.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a real Elasticsearch, generates a realistic event stream (or imports real data with"
          + " --data/--format), indexes it, and prints a summary.",
      "Without --until-done the platform stays up until Ctrl-C."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final List<String> INDICES =
      List.of(EventIndexer.VIDEOS, EventIndexer.ENGAGEMENT, EventIndexer.DEADLETTER);

  /** --format value that replays canonical NDJSON as it is, without an importer. */
  static final String CANONICAL = "ndjson";

  @Spec CommandSpec spec;

  @Option(names = "--data", description = "Real data to import instead of generating (file or folder).")
  Path data;

  @Option(names = "--format", description = "The layout of --data: `ndjson` for canonical events, or an importer"
      + " format (see `radar import --help`).")
  String format;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--posts", defaultValue = "20000", description = "Generated posts (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--port", defaultValue = "9200", description = "Elasticsearch HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--until-done", description = "Stop everything and exit once the demo has run.")
  boolean untilDone;

  @Option(names = "--summary", description = "Also write the summary as JSON to this file.")
  Path summaryFile;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if ((data == null) != (format == null)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--data and --format go together: give both or neither");
    }
    long start = System.nanoTime();
    Path home = RadarHome.resolve();
    Path work = Files.createDirectories(home.resolve("demo"));
    PlatformOptions options = platformOptions(home, port);
    try (RunningPlatform platform = LocalPlatform.start(options, System.err)) {
      platform.describe().forEach(System.err::println);
      resetIndices(platform.client());
      Map<String, Object> summary = new LinkedHashMap<>();
      long rejected = 0;
      Path events;
      if (data == null) {
        events = work.resolve("events.ndjson");
        GenerationSummary generated;
        try (OutputStream o = Files.newOutputStream(events);
            Progress progress = Progress.onStderr("generate", posts, "posts")) {
          generated = new StreamGenerator(GeneratorOptions.of(seed, posts)).writeTo(o, progress);
        }
        System.err.println(generated.describe());
        summary.put("source", "generator seed " + seed + ", " + posts + " posts");
      } else if (CANONICAL.equals(format)) {
        events = data;
        summary.put("source", "replay " + data);
      } else {
        events = work.resolve("events.ndjson");
        Path rejects = work.resolve("events.ndjson.rejects.ndjson");
        int exit = new CommandLine(new ImportCommand()).execute("--format", format,
            "--in", data.toString(), "--out", events.toString(), "--rejects", rejects.toString());
        if (exit != 0) {
          return exit;
        }
        // The import writes one line per rejected row.
        rejected = lineCount(rejects);
        summary.put("source", "import " + format + " " + data);
      }

      EventIndexer indexer = new EventIndexer(platform.client());
      Replay.Counts counts;
      try (Progress progress =
          Progress.onStderr("index", lineCount(events), "events")) {
        counts = new Replay(EventCodec.withDefaults()).run(events, indexer, progress);
      } finally {
        indexer.close();
      }
      Map<String, Long> documents = countDocuments(platform.client());

      long inputEvents = counts.lines() + rejected;
      summary.put("input_events", inputEvents);
      summary.put("indexed", indexer.indexed());
      summary.put("dead_lettered", indexer.deadLettered());
      summary.put("rejected", rejected);
      summary.put("lost", indexer.lost());
      summary.put("posts", counts.posts());
      summary.put("snapshots", counts.snapshots());
      summary.put("documents", documents);
      summary.put("elasticsearch", platform.elasticsearchUrl());
      summary.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
      printTable(out, summary);
      if (summaryFile != null) {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(summaryFile.toFile(), summary);
        System.err.println("summary written to " + summaryFile);
      }
      boolean balanced =
          indexer.indexed() + indexer.deadLettered() + rejected == inputEvents;
      if (!balanced) {
        System.err.printf(Locale.ROOT,
            "demo: counts do not add up: %d events were lost (Elasticsearch refused their dead"
                + " letters or did not answer)%n", indexer.lost());
        return 1;
      }
      if (!untilDone) {
        System.err.println("Elasticsearch stays up at " + platform.elasticsearchUrl()
            + "; press Ctrl-C to stop.");
        new CountDownLatch(1).await();
      }
      return 0;
    }
  }

  /**
   * The demo keeps its own Elasticsearch data under the radar home's demo folder, apart from what
   * {@code radar up} serves, so that a demo never mixes with a user's data.
   */
  static PlatformOptions platformOptions(Path radarHome, int port) {
    Path demoHome = radarHome.resolve("demo");
    return PlatformOptions.defaults(demoHome)
        .withElasticsearch(ElasticsearchOptions.defaults(demoHome).withHttpPort(port));
  }

  /** Each demo starts from empty indices, so its counts describe this run alone. */
  private static void resetIndices(ElasticsearchClient client) throws IOException {
    client.indices().delete(d -> d.index(INDICES).ignoreUnavailable(true));
  }

  /** Lines in a file, counted as bytes so that invalid UTF-8 (a dead letter later) is no error. */
  private static long lineCount(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        NdjsonReader reader = new NdjsonReader(in, 1)) {
      long n = 0;
      while (reader.next() != null) {
        n++;
      }
      return n;
    }
  }

  private static Map<String, Long> countDocuments(ElasticsearchClient client) throws IOException {
    client.indices().refresh(r -> r.index(INDICES).ignoreUnavailable(true));
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String index : INDICES) {
      boolean exists = client.indices().exists(e -> e.index(index)).value();
      counts.put(index, exists ? client.count(c -> c.index(index)).count() : 0L);
    }
    return counts;
  }

  private static void printTable(PrintStream out, Map<String, Object> summary) {
    out.println();
    out.println("Challenge Radar demo");
    out.println("-".repeat(44));
    summary.forEach((key, value) -> {
      if (value instanceof Map<?, ?> map) {
        out.printf(Locale.ROOT, "%-20s%n", key);
        map.forEach((k, v) -> out.printf(Locale.ROOT, "  %-18s %,22d%n", k, (Long) v));
      } else if (value instanceof Long n) {
        out.printf(Locale.ROOT, "%-20s %,22d%n", key, n);
      } else {
        out.printf(Locale.ROOT, "%-20s %22s%n", key, value);
      }
    });
    out.println("-".repeat(44));
    out.println("indexed + dead_lettered + rejected = input_events");
  }
}
