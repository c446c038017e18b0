package io.challengeradar.core.importer;

/**
 * A mapping file cannot be used: an unknown key, two mappings for one field, a column the input
 * lacks, a time format or count style that reads none of the sample. Raised before any row is
 * converted; the message names the mapping key and the reason.
 */
public final class MappingException extends ImportException {
  private static final long serialVersionUID = 1L;

  public MappingException(String message) {
    super(message);
  }
}
