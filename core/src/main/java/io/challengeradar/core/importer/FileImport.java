package io.challengeradar.core.importer;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One import from a public data layout to files: the events as canonical NDJSON, and each
 * rejected row as one NDJSON line in a rejects file. {@code radar import} and the demo's import
 * both run it, so both write the same files and count the same way.
 */
public final class FileImport {
  private static final int BUFFER_CHARS = 1 << 16;

  /**
   * What an import wrote.
   *
   * @param stats rows read, converted and rejected, events written
   * @param posts posts among the events written
   * @param snapshots engagement snapshots among them
   * @param rejectsByReason rejected rows by their reason kind (one line each in the rejects file)
   */
  public record Result(ImportStats stats, long posts, long snapshots,
      Map<String, Long> rejectsByReason) {}

  private FileImport() {}

  /**
   * Imports {@code in} into {@code events} and {@code rejects}, creating their folders.
   *
   * @throws ImportException when the input as a whole cannot be imported; neither file is left
   *     behind then, so nothing half-written looks like a result
   */
  public static Result run(Importer importer, Path in, Path events, Path rejects, EventCodec codec,
      Progress progress) throws IOException {
    createParent(events);
    createParent(rejects);
    long[] kinds = new long[2];
    Map<String, Long> byReason = new TreeMap<>();
    ImportStats stats;
    try (Writer eventsOut = writer(events);
        Writer rejectsOut = writer(rejects)) {
      stats = importer.importFrom(
          in,
          new EventSink() {
            @Override
            public void accept(Event event) throws IOException {
              accept(event, codec.encode(event));
            }

            @Override
            public void accept(Event event, String line) throws IOException {
              eventsOut.write(line);
              eventsOut.write('\n');
              if (event instanceof Post) {
                kinds[0]++;
              } else if (event instanceof EngagementSnapshot) {
                kinds[1]++;
              }
            }
          },
          reject -> {
            rejectsOut.write(reject.toJson());
            rejectsOut.write('\n');
            byReason.merge(reject.reasonKind(), 1L, Long::sum);
          },
          progress);
    } catch (ImportException e) {
      Files.deleteIfExists(events);
      Files.deleteIfExists(rejects);
      throw e;
    }
    return new Result(stats, kinds[0], kinds[1], Map.copyOf(byReason));
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
}
