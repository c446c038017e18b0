package io.challengeradar.core.importer;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.importer.CsvImporter.Column;
import io.challengeradar.core.importer.CsvReader.CsvRecord;
import java.time.Instant;

/**
 * The four count columns of a row that make its engagement snapshot. A row "has counts" only when
 * all four are filled: with any of them empty there is no snapshot (the codec needs all four and
 * none is ever made up), while a filled cell that is not a count rejects the row.
 *
 * @param shares null for sources that have no share count (YouTube): the snapshot then carries 0
 * @param sharesZeroLabel the text a scraped page shows instead of a zero share count ("Share" on
 *     TikTok's web player), or null
 */
record Counts(Column views, Column likes, Column comments, Column shares, String sharesZeroLabel) {

  Counts(Column views, Column likes, Column comments, Column shares) {
    this(views, likes, comments, shares, null);
  }

  /** The snapshot of {@code videoId}, or null when a count or the observation time is missing. */
  EngagementSnapshot snapshot(String videoId, Instant observedAt, CsvRecord r)
      throws RowException {
    Long v = optional(views, r);
    Long l = optional(likes, r);
    Long c = optional(comments, r);
    Long s = shares == null ? Long.valueOf(0) : shares(r);
    if (v == null || l == null || c == null || s == null || observedAt == null) {
      return null;
    }
    return new EngagementSnapshot(videoId, observedAt, v, l, c, s, null);
  }

  /** The first empty count column of the row, or null when all are filled. */
  String firstEmpty(CsvRecord r) throws RowException {
    for (Column col : new Column[] {views, likes, comments, shares}) {
      if (col != null && Fields.isBlank(col.text(r))) {
        return col.name();
      }
    }
    return null;
  }

  private Long shares(CsvRecord r) throws RowException {
    if (sharesZeroLabel != null && sharesZeroLabel.equals(shares.text(r).strip())) {
      return 0L;
    }
    return optional(shares, r);
  }

  static Long optional(Column col, CsvRecord r) throws RowException {
    String t = col.text(r);
    return Fields.isBlank(t) ? null : Fields.count(col.name(), t);
  }
}
