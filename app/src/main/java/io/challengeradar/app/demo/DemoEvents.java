package io.challengeradar.app.demo;

import io.challengeradar.app.demo.DemoRequest.Generated;
import io.challengeradar.app.demo.DemoRequest.Imported;
import io.challengeradar.app.demo.DemoRequest.Input;
import io.challengeradar.app.demo.DemoRequest.Replayed;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.EventTimeOrder;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.generator.GenerationSummary;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.Scenario;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.importer.FileImport;
import io.challengeradar.core.importer.Importers;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The events a demo run streams, as one canonical NDJSON file: generated, imported from a public
 * data set or named as they are.
 *
 * @param file canonical NDJSON in event-time order (invalid lines included: the pipeline
 *     dead-letters them)
 * @param lines its lines
 * @param rejected rows an import refused, which never reach the pipeline
 * @param scenario the generator's truth; null for other input
 * @param source where they came from, in words
 */
public record DemoEvents(Path file, long lines, long rejected, Scenario scenario, String source) {

  /**
   * Writes, imports or names the events the pipeline reads, under {@code work}. An import is put
   * into event-time order, as a live feed would deliver it.
   */
  public static DemoEvents prepare(Input input, Path work, PrintStream log) throws IOException {
    Path events = work.resolve("events.ndjson");
    if (input instanceof Generated g) {
      return generate(g, events, log);
    }
    if (input instanceof Replayed r) {
      return new DemoEvents(r.events(), lineCount(r.events()), 0, null, "replay " + r.events());
    }
    return importSorted((Imported) input, work, events, log);
  }

  private static DemoEvents generate(Generated g, Path events, PrintStream log)
      throws IOException {
    StreamGenerator generator = new StreamGenerator(GeneratorOptions.of(g.seed(), g.posts()));
    GenerationSummary generated;
    try (OutputStream o = Files.newOutputStream(events);
        Progress progress = Progress.onStderr("generate", g.posts(), "posts")) {
      generated = generator.writeTo(o, progress);
    }
    log.println(generated.describe());
    return new DemoEvents(events, lineCount(events), 0, generator.scenario(),
        "generator seed " + g.seed() + ", " + g.posts() + " posts");
  }

  /** Imports into {@code events}, then sorts them by event time as a live feed delivers them. */
  private static DemoEvents importSorted(Imported i, Path work, Path events, PrintStream log)
      throws IOException {
    Path rejects = work.resolve("events.ndjson.rejects.ndjson");
    FileImport.Result imported;
    try (Progress progress = Progress.onStderr("import " + i.format(), 0, "rows")) {
      imported = FileImport.run(Importers.forFormat(i.format()), i.data(), events, rejects,
          EventCodec.withDefaults(), progress);
    }
    log.println("imported " + imported.stats().eventsEmitted() + " events from "
        + imported.stats().rowsRead() + " rows, " + imported.stats().rowsRejected()
        + " rejected (in " + rejects + ")");
    Path sorted = work.resolve("events.sorted.ndjson");
    EventTimeOrder.sort(events, sorted, EventCodec.withDefaults());
    // Every refused row is one line in the rejects file and never reaches the pipeline.
    return new DemoEvents(sorted, lineCount(sorted), imported.stats().rowsRejected(), null,
        "import " + i.format() + " " + i.data());
  }

  /** Lines in a file, counted as bytes so that invalid UTF-8 (a dead letter later) is no error. */
  static long lineCount(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        NdjsonReader reader = new NdjsonReader(in, 1)) {
      long n = 0;
      while (reader.next() != null) {
        n++;
      }
      return n;
    }
  }
}
