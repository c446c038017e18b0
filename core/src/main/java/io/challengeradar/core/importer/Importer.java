package io.challengeradar.core.importer;

import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Converts one public data layout into canonical events. Every source row becomes either events
 * (given to the {@link EventSink}, each one already accepted by the codec) or exactly one {@link
 * Reject} naming the file, line, field and reason; nothing is dropped silently.
 *
 * <p>Implementations are not thread-safe: run one import at a time per instance (get a fresh one
 * from {@link Importers#forFormat(String)}).
 */
public interface Importer {

  /** The short, stable name used on the command line ({@code radar import --format NAME}). */
  String format();

  /**
   * Imports a file, or every file of this format under a folder (in name order).
   *
   * @throws ImportException when the input as a whole cannot be read as this format (missing,
   *     no matching files, a header without the needed columns)
   * @throws IOException when reading the input or writing to a sink fails
   */
  ImportStats importFrom(Path in, EventSink events, RejectSink rejects, Progress progress)
      throws IOException;
}
