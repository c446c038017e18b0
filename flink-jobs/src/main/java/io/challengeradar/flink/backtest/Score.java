package io.challengeradar.flink.backtest;

import java.time.Instant;
import java.util.List;

/**
 * How one detector did against a truth list on one replay.
 *
 * @param detector its name ({@code radar}, {@code naive})
 * @param rows one per truth entry, in the truth list's order
 * @param falseAlerts flagged tags of the scored kinds that are not in the truth list, the most
 *     alerted first
 * @param precision flagged truth tags over all flagged tags (NaN when nothing was flagged)
 * @param recall flagged truth tags over truth tags: the true positive rate
 * @param falsePositiveRate flagged non-truth tags over the non-truth tags that could have been
 *     flagged (those with at least the truth rule's least authors, and any flagged one)
 * @param medianLeadHours median lead of the detected truth tags (NaN when none)
 * @param meanLeadHours mean lead of the detected truth tags (NaN when none)
 * @param earlyShare truth tags first flagged before the end of their peak window, over all truth
 *     tags (Nikolov and Shah's "detected in advance")
 */
public record Score(
    String detector,
    List<Row> rows,
    List<FalseAlert> falseAlerts,
    double precision,
    double recall,
    double falsePositiveRate,
    double medianLeadHours,
    double meanLeadHours,
    double earlyShare) {

  public Score {
    rows = List.copyOf(rows);
    falseAlerts = List.copyOf(falseAlerts);
  }

  public long detected() {
    return rows.stream().filter(Row::detected).count();
  }

  /**
   * One truth entry's outcome.
   *
   * @param firstDetection the first flag on the tag (null when never flagged)
   * @param firstStage that flag's stage
   * @param peakEnd end of the tag's window with most new participants (null when the data does
   *     not hold the tag)
   * @param peakNewParticipants its new participants
   * @param leadHours peakEnd minus firstDetection, hours (positive: before the peak; null when
   *     not detected or no peak)
   * @param flags every flag on the tag
   */
  public record Row(
      TagKey key,
      Instant firstDetection,
      String firstStage,
      Instant peakEnd,
      long peakNewParticipants,
      Double leadHours,
      List<Detection> flags) {

    public Row {
      flags = List.copyOf(flags);
    }

    public boolean detected() {
      return firstDetection != null;
    }
  }

  /** A tag flagged that the truth list does not name. */
  public record FalseAlert(TagKey key, int flags, Instant first, String firstStage) {}
}
