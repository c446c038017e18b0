package io.challengeradar.core.importer;

/**
 * What one import did. Every row read was either converted or rejected, so {@code rowsRead ==
 * rowsConverted + rowsRejected} always holds; a converted row gives one or more events.
 */
public record ImportStats(long rowsRead, long rowsConverted, long rowsRejected, long eventsEmitted) {

  public static final ImportStats EMPTY = new ImportStats(0, 0, 0, 0);

  public ImportStats {
    if (rowsRead < 0 || rowsConverted < 0 || rowsRejected < 0 || eventsEmitted < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + describe(
          rowsRead, rowsConverted, rowsRejected, eventsEmitted));
    }
    if (rowsRead != rowsConverted + rowsRejected) {
      throw new IllegalArgumentException("rowsRead must equal rowsConverted + rowsRejected: "
          + describe(rowsRead, rowsConverted, rowsRejected, eventsEmitted));
    }
  }

  public ImportStats plus(ImportStats o) {
    return new ImportStats(rowsRead + o.rowsRead, rowsConverted + o.rowsConverted,
        rowsRejected + o.rowsRejected, eventsEmitted + o.eventsEmitted);
  }

  private static String describe(long read, long converted, long rejected, long events) {
    return "read=" + read + " converted=" + converted + " rejected=" + rejected + " events="
        + events;
  }
}
