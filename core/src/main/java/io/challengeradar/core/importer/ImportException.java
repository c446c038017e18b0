package io.challengeradar.core.importer;

import java.io.IOException;

/**
 * The input as a whole cannot be imported (as opposed to one bad row, which becomes a {@link
 * Reject}): it is missing, holds no file of the format, or a file's header lacks needed columns.
 */
public class ImportException extends IOException {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }
}
