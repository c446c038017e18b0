package io.challengeradar.app;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.EventSink;
import io.challengeradar.core.importer.ImportException;
import io.challengeradar.core.importer.ImportStats;
import io.challengeradar.core.importer.Importer;
import io.challengeradar.core.importer.Importers;
import io.challengeradar.core.importer.MapSuggester;
import io.challengeradar.core.importer.Reject;
import io.challengeradar.core.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code radar import}: converts a public data layout into the canonical event NDJSON. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Converts a public data set into canonical event NDJSON (see docs/importers.md).",
      "Rows that cannot be converted go to the rejects file with file, line, field and reason."
    })
public final class ImportCommand implements Callable<Integer> {

  private static final int BUFFER_CHARS = 1 << 16;
  /** Exit code when the input cannot be imported at all (wrong layout, no matching files). */
  static final int EXIT_BAD_INPUT = 1;

  @Spec CommandSpec spec;

  /** The {@code --format} of a layout described by a mapping file ({@code --map}). */
  static final String MAPPED = "mapped";

  @Option(names = "--format", paramLabel = "FORMAT",
      completionCandidates = Formats.class,
      description = "The input layout, one of: ${COMPLETION-CANDIDATES}; or mapped, with --map.")
  String format;

  @Option(names = "--map", paramLabel = "FILE",
      description = "With --format mapped: the mapping file that describes the layout "
          + "(docs/importers.md, \"Mapped layouts\").")
  Path mapFile;

  @Option(names = "--observed-at", paramLabel = "TIME",
      description = "With a mapping whose engagement.observedAt.derive is command-line: when "
          + "the data was pulled (ISO-8601, e.g. 2021-05-09T00:00:00Z).")
  Instant observedAt;

  @Option(names = "--suggest-map",
      description = "Propose a mapping for the --in file (guesses marked) and show what its "
          + "first rows become; writes nothing.")
  boolean suggestMap;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "5",
      description = "With --suggest-map: how many rows to preview (default: ${DEFAULT-VALUE}).")
  int previewRows;

  @Option(names = "--in", required = true, paramLabel = "PATH",
      description = "A file, or a folder whose files of that format are imported in name order.")
  Path in;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the events, one JSON object per line.")
  Path out;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Where to write the rejected rows (default: <out>.rejects.ndjson).")
  Path rejectsPath;

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(in)) {
      throw new ParameterException(spec.commandLine(), "input not found: " + in);
    }
    if (suggestMap) {
      return suggest();
    }
    if (format == null || out == null) {
      throw new ParameterException(spec.commandLine(),
          "--format and --out are required (or --suggest-map to propose a mapping)");
    }
    Importer importer;
    try {
      importer = importer();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (ImportException e) {
      spec.commandLine().getErr().println("radar import: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    Path rejectsFile = rejectsPath != null ? rejectsPath
        : out.resolveSibling(out.getFileName() + ".rejects.ndjson");
    createParent(out);
    createParent(rejectsFile);

    EventCodec codec = EventCodec.withDefaults();
    Tally tally = new Tally();
    long start = System.nanoTime();
    ImportStats stats;
    try {
      stats = run(importer, codec, tally, rejectsFile);
    } catch (ImportException e) {
      // The input as a whole is unusable: leave no half-written output that looks like a result.
      Files.deleteIfExists(out);
      Files.deleteIfExists(rejectsFile);
      spec.commandLine().getErr().println("radar import: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    printSummary(spec.commandLine().getOut(), stats, tally, rejectsFile, secs);
    return 0;
  }

  private Importer importer() throws IOException {
    if (!MAPPED.equals(format)) {
      if (mapFile != null) {
        throw new IllegalArgumentException("--map goes with --format mapped");
      }
      try {
        return Importers.forFormat(format);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + "; or mapped, with --map FILE");
      }
    }
    if (mapFile == null) {
      throw new IllegalArgumentException("--format mapped needs --map FILE");
    }
    return Importers.mapped(mapFile, observedAt, EventCodec.withDefaults());
  }

  private int suggest() throws IOException {
    try {
      spec.commandLine().getOut().print(
          MapSuggester.suggest(in, previewRows, EventCodec.withDefaults()));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ImportException e) {
      spec.commandLine().getErr().println("radar import: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
  }

  private ImportStats run(Importer importer, EventCodec codec, Tally tally, Path rejectsFile)
      throws IOException {
    ImportStats stats;
    try (Writer events = writer(out);
        Writer rejects = writer(rejectsFile);
        Progress progress = Progress.onStderr("import " + format, 0, "rows")) {
      stats = importer.importFrom(
          in,
          new EventSink() {
            @Override
            public void accept(Event event) throws IOException {
              accept(event, codec.encode(event));
            }

            @Override
            public void accept(Event event, String line) throws IOException {
              events.write(line);
              events.write('\n');
              tally.count(event);
            }
          },
          reject -> {
            rejects.write(reject.toJson());
            rejects.write('\n');
            tally.count(reject);
          },
          progress);
    }
    return stats;
  }

  private void printSummary(PrintWriter w, ImportStats s, Tally t, Path rejectsFile,
      double secs) {
    w.printf(Locale.ROOT, "import %s  %s -> %s%n", format, in, out);
    row(w, "rows read", s.rowsRead());
    row(w, "rows converted", s.rowsConverted());
    row(w, "rows rejected", s.rowsRejected());
    row(w, "events written", s.eventsEmitted());
    row(w, "  posts", t.posts);
    row(w, "  snapshots", t.snapshots);
    w.printf(Locale.ROOT, "  %-16s %,14.2f s%n", "elapsed", secs);
    w.printf(Locale.ROOT, "  %-16s %,14.0f%n", "events/s", s.eventsEmitted() / secs);
    if (s.rowsRejected() > 0) {
      w.printf(Locale.ROOT, "rejects by reason (top 5 of %d kinds), in %s:%n",
          t.byReason.size(), rejectsFile);
      Iterator<Map.Entry<String, long[]>> top = t.byReason.entrySet().stream()
          .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
              .thenComparing(Map.Entry::getKey))
          .limit(5)
          .iterator();
      while (top.hasNext()) {
        Map.Entry<String, long[]> e = top.next();
        w.printf(Locale.ROOT, "  %,10d  %s%n", e.getValue()[0], e.getKey());
      }
    }
    w.flush();
  }

  private static void row(PrintWriter w, String label, long value) {
    w.printf(Locale.ROOT, "  %-16s %,14d%n", label, value);
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(
        Files.newBufferedWriter(file, StandardCharsets.UTF_8), BUFFER_CHARS);
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  /** What the summary counts beyond ImportStats: event kinds and reject reasons. */
  private static final class Tally {
    long posts;
    long snapshots;
    final Map<String, long[]> byReason = new HashMap<>();

    void count(Event e) {
      if (e instanceof Post) {
        posts++;
      } else if (e instanceof EngagementSnapshot) {
        snapshots++;
      }
    }

    void count(Reject r) {
      byReason.computeIfAbsent(r.reasonKind(), k -> new long[1])[0]++;
    }
  }

  /** The format names, for help and shell completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Importers.formats().iterator();
    }
  }
}
