package io.challengeradar.flink.ops;

import io.challengeradar.flink.SurgeSettings;
import io.challengeradar.flink.model.WindowStats;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Measures a tag's new participants against the tag's own past, window by window.
 *
 * <p>Why: an ordinary tag's new participants follow the day (about +-30 %) and fall as its
 * finite audience is used up, and every tag looks new when the job starts, so growth against the
 * previous window (or against the participants so far) flags ordinary tags as often as
 * challenges. A challenge instead runs far above the tag's own usual rate for hours. The
 * <em>surge</em> is therefore the new participants of the last {@code recentWindows} windows over
 * what the tag usually gets in as many windows: an exponential moving average, over about
 * {@code baselineWindows} windows, of the windows before that recent span, at least
 * {@code baselineFloor} per window so that a tag with almost no past does not surge on a handful
 * of posts. Until a window has left the recent span the tag has no baseline and its surge is 0:
 * nothing surges in its first {@code recentWindows} windows, including every tag at job start.
 */
public final class SurgeMeter implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * What a tag carries from one window to the next.
   *
   * @param recent new participants of the last windows, oldest first (at most recentWindows)
   * @param baseline usual new participants per window before the recent span (0 until known)
   * @param baselineKnown whether a window has left the recent span yet
   * @param surge the latest window's surge (0 while the baseline is unknown)
   * @param peakSurge the highest surge of the last recentWindows + baselineWindows windows, as
   *     far as it is tracked: the peak is replaced by a higher one, or by the current surge once it
   *     is that old
   * @param peakAge windows since the peak surge
   */
  public record Trend(
      long[] recent, double baseline, boolean baselineKnown, double surge, double peakSurge,
      int peakAge) {

    public static Trend start() {
      return new Trend(new long[0], 0, false, 0, 0, 0);
    }

    public long recentNewParticipants() {
      long sum = 0;
      for (long n : recent) {
        sum += n;
      }
      return sum;
    }

    /** What a window's statistics show of this trend. */
    public WindowStats.Trend figures() {
      return new WindowStats.Trend(recentNewParticipants(), baseline, surge, peakSurge);
    }
  }

  private final int recentWindows;
  private final int baselineWindows;
  private final double baselineFloor;

  public SurgeMeter(SurgeSettings settings) {
    this.recentWindows = settings.recentWindows();
    this.baselineWindows = settings.baselineWindows();
    this.baselineFloor = settings.baselineFloor();
  }

  /**
   * The trend after one more window with {@code newParticipants}, which follows
   * {@code skippedWindows} windows that were never emitted (the tag was idle: none of its
   * activity, so no new participants either).
   */
  public Trend next(Trend before, long skippedWindows, long newParticipants) {
    long[] recent = before.recent();
    double baseline = before.baseline();
    boolean known = before.baselineKnown();
    // Beyond this many empty windows the baseline has decayed to nothing anyway.
    long zeros = Math.min(skippedWindows, recentWindows + 20L * baselineWindows);
    int length = recent.length;
    long[] ring = Arrays.copyOf(recent, recentWindows);
    for (long i = 0; i <= zeros; i++) {
      long value = i == zeros ? newParticipants : 0;
      if (length == recentWindows) {
        long leaving = ring[0];
        baseline = known ? baseline + (leaving - baseline) / baselineWindows : leaving;
        known = true;
        System.arraycopy(ring, 1, ring, 0, recentWindows - 1);
        length--;
      }
      ring[length++] = value;
    }
    long[] nextRecent = Arrays.copyOf(ring, length);
    long sum = 0;
    for (long n : nextRecent) {
      sum += n;
    }
    double surge = known ? sum / (recentWindows * Math.max(baseline, baselineFloor)) : 0;
    int age = (int) Math.min(Integer.MAX_VALUE, before.peakAge() + 1 + skippedWindows);
    double peak = before.peakSurge();
    if (surge >= peak || age >= recentWindows + baselineWindows) {
      peak = surge;
      age = 0;
    }
    return new Trend(nextRecent, baseline, known, surge, peak, age);
  }
}
