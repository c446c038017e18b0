package io.challengeradar.app;

import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.importer.FileImport;
import io.challengeradar.core.importer.ImportException;
import io.challengeradar.core.importer.ImportStats;
import io.challengeradar.core.importer.Importer;
import io.challengeradar.core.importer.Importers;
import io.challengeradar.core.importer.MapSuggester;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
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
    long start = System.nanoTime();
    FileImport.Result result;
    try (Progress progress = Progress.onStderr("import " + format, 0, "rows")) {
      result = FileImport.run(importer, in, out, rejectsFile, EventCodec.withDefaults(), progress);
    } catch (ImportException e) {
      spec.commandLine().getErr().println("radar import: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    printSummary(spec.commandLine().getOut(), result, rejectsFile, secs);
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

  private void printSummary(PrintWriter w, FileImport.Result r, Path rejectsFile, double secs) {
    ImportStats s = r.stats();
    w.printf(Locale.ROOT, "import %s  %s -> %s%n", format, in, out);
    row(w, "rows read", s.rowsRead());
    row(w, "rows converted", s.rowsConverted());
    row(w, "rows rejected", s.rowsRejected());
    row(w, "events written", s.eventsEmitted());
    row(w, "  posts", r.posts());
    row(w, "  snapshots", r.snapshots());
    w.printf(Locale.ROOT, "  %-16s %,14.2f s%n", "elapsed", secs);
    w.printf(Locale.ROOT, "  %-16s %,14.0f%n", "events/s", s.eventsEmitted() / secs);
    if (s.rowsRejected() > 0) {
      w.printf(Locale.ROOT, "rejects by reason (top 5 of %d kinds), in %s:%n",
          r.rejectsByReason().size(), rejectsFile);
      Iterator<Map.Entry<String, Long>> top = r.rejectsByReason().entrySet().stream()
          .sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
              .thenComparing(Map.Entry::getKey))
          .limit(5)
          .iterator();
      while (top.hasNext()) {
        Map.Entry<String, Long> e = top.next();
        w.printf(Locale.ROOT, "  %,10d  %s%n", e.getValue(), e.getKey());
      }
    }
    w.flush();
  }

  private static void row(PrintWriter w, String label, long value) {
    w.printf(Locale.ROOT, "  %-16s %,14d%n", label, value);
  }

  /** The format names, for help and shell completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Importers.formats().iterator();
    }
  }
}
