package io.challengeradar.flink.ops;

import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.SurgeSettings;
import io.challengeradar.flink.model.WindowStats;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Measures a tag's share of the window volume over its recent windows against the share it
 * usually has.
 *
 * <p>Why share: real trend data is sampled (a trending pull over-represents recent days, a feed
 * follows the clock), so the volume of every tag rises and falls at once; counted raw, the biggest
 * tags surge with the sample. Divided by the window volume (the new participants of all tags of
 * the kind), a rise that lifts every tag lifts none, and a tag with a high, stable share (the
 * generic {@code fyp}, {@code viral} in any language) cannot run far above itself: its share
 * cannot multiply.
 *
 * <p>The recent span is the last {@code recentWindows} windows, this one included: its new
 * participants x and its volume V. The baseline share is the ratio of two moving sums over the
 * tag's windows before the span: its new participants, and the volumes of those windows, each
 * weighted by (1 - 1/{@code baselineWindows}) per window of age. The population prior is added to
 * both as {@code priorWindows} volumes of the current window at the prior share ({@code
 * priorShareScale} over the tags active in the window): a tag without history is expected to be
 * rarer than an average tag, so a tag born in its own burst stands out at once, and its own past
 * outweighs the prior after a few windows.
 *
 * <p>The score is the signed Poisson deviance of x against e = baseline share x V, {@code
 * sign(x - e) sqrt(2 (x ln(x/e) - (x - e))}: about a z-score, and unlike a bare ratio it stays
 * small on small counts (2 against 0.2 expected scores 2.4, 40 against 4 scores 10.6). Summed over
 * the recent span, a challenge of a few new authors an hour still gives evidence. Windows the tag
 * skipped (no activity, not emitted) carry no information about its share: they move the recent
 * span on and leave the baseline as it was.
 * During the stream's warm-up the figures are kept but the score is 0: every tag is new then.
 */
public final class ShareMeter implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * What a tag carries from one window to the next.
   *
   * @param recentCounts new participants of the last windows, oldest first (at most recentWindows)
   * @param recentVolumes the volumes of those windows
   * @param baselineCount moving sum of the new participants older than the recent span
   * @param baselineVolume moving sum of the volumes of those windows
   * @param previousShare the share of the previous window
   * @param previousRecentShare the recent share of the previous window
   * @param peakScore the highest score of the tag's current surge, what FADING asks of a tag
   *     (that it surged): replaced by a higher one. Once it reaches the surge score ({@code
   *     cep.min-score}) it is held for as long as the cycle lasts, until the tag has waned for
   *     {@code cep.fading.windows} windows (what FADING matches, which closes the cycle); below
   *     that score it is the highest of the last recentWindows + baselineWindows windows
   *     (replaced by the current score once it is that old; while the recent share climbs to new
   *     highs it does not age)
   * @param peakAge windows since the peak score, or since the last new high of the recent share
   * @param peakRecentShare the highest recent share of the same span, held and forgotten the same
   *     way: what FADING measures the tag's fall against
   * @param peakRecentShareAge windows since the peak recent share
   * @param waningWindows windows in a row (this one included) in which the tag, having surged,
   *     scored under the surge score with a recent share of at most {@code
   *     cep.fading.max-share-of-peak} of its peak: FADING's condition
   */
  public record Level(
      long[] recentCounts,
      long[] recentVolumes,
      double baselineCount,
      double baselineVolume,
      double previousShare,
      double previousRecentShare,
      double peakScore,
      int peakAge,
      double peakRecentShare,
      int peakRecentShareAge,
      int waningWindows) {

    public static Level start() {
      return new Level(new long[0], new long[0], 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
  }

  /** A level and the figures of the window that led to it. */
  public record Measured(Level level, WindowStats.Trend figures) {}

  private final SurgeSettings settings;
  private final CepThresholds cep;

  /**
   * @param cep the surge score and FADING's condition, which say how long a tag's peak is held:
   *     for as long as its cycle lasts
   */
  public ShareMeter(SurgeSettings settings, CepThresholds cep) {
    this.settings = settings;
    this.cep = cep;
  }

  /**
   * The figures of one window with {@code count} new participants out of {@code volume}, after
   * {@code skippedWindows} windows the tag was idle in.
   *
   * @param activeTags tags with new participants in the window, for the prior share
   * @param warm whether the stream is past its warm-up (otherwise the score is 0)
   */
  public Measured next(Level before, long skippedWindows, long count, long volume,
      long activeTags, boolean warm) {
    int recent = settings.recentWindows();
    double keep = 1 - 1.0 / settings.baselineWindows();
    long[] counts = before.recentCounts();
    long[] volumes = before.recentVolumes();
    double baseCount = before.baselineCount();
    double baseVolume = before.baselineVolume();
    // Beyond the recent span, more idle windows change nothing.
    long idle = Math.min(skippedWindows, recent);
    // Windows the tag skipped were not emitted: how big they were is not known here, so they
    // move the recent span on but neither add to nor age the baseline. A clock jump in the data
    // (days without any window) then leaves every tag's baseline as it was, instead of decaying
    // it to the prior, which would make every tag look new.
    for (long i = 0; i < idle; i++) {
      Shifted s = shift(counts, volumes, baseCount, baseVolume, 0, 0, recent);
      counts = s.counts;
      volumes = s.volumes;
      baseCount = s.baseCount;
      baseVolume = s.baseVolume;
    }

    Shifted s = shift(counts, volumes, baseCount * keep, baseVolume * keep, count, volume, recent);
    long recentCount = sum(s.counts);
    long recentVolume = sum(s.volumes);
    double priorShare = settings.priorShareScale() / Math.max(1, activeTags);
    double priorWeight = settings.priorWindows() * volume;
    double baselineShare = s.baseVolume + priorWeight == 0 ? priorShare
        : Math.min(1, (s.baseCount + priorShare * priorWeight) / (s.baseVolume + priorWeight));
    double share = volume == 0 ? 0 : (double) count / volume;
    double recentShare = recentVolume == 0 ? 0 : (double) recentCount / recentVolume;
    double expected = baselineShare * recentVolume;
    double score = warm ? score(recentCount, expected) : 0;
    double lift = baselineShare > 0 ? recentShare / baselineShare : 0;

    // A tag that surged (its peak score reached the surge score) keeps its peak for as long as
    // its cycle lasts: a challenge may hold a plateau near its peak for longer than any span of
    // windows and fall only then, and its fall is measured against that peak. Below the surge
    // score the peaks are the highest of the last recent + baseline windows.
    boolean surged = before.peakScore() >= cep.minScore();
    int horizon = recent + settings.baselineWindows();
    int age = aged(before.peakAge(), skippedWindows);
    double peak = before.peakScore();
    if (score >= peak || (!surged && age >= horizon)) {
      peak = score;
      age = 0;
    } else if (recentShare > before.peakRecentShare()) {
      // The rise goes on: a challenge surges early (against a baseline its rise has not reached
      // yet) and may climb for longer than the horizon; its surge is recent until it stops.
      age = 0;
    }
    int shareAge = aged(before.peakRecentShareAge(), skippedWindows);
    double peakShare = before.peakRecentShare();
    if (recentShare >= peakShare || (!surged && shareAge >= horizon)) {
      peakShare = recentShare;
      shareAge = 0;
    }
    boolean waning = peak >= cep.minScore() && score < cep.minScore()
        && recentShare <= cep.fadingMaxShareOfPeak() * peakShare;
    int waned = waning ? before.waningWindows() + 1 : 0;
    WindowStats.Trend figures = new WindowStats.Trend(volume, share, recentCount, recentShare,
        baselineShare, expected, lift, score, idle > 0 ? 0 : before.previousShare(),
        idle > 0 ? 0 : before.previousRecentShare(), peak, peakShare);
    Level after = waned >= cep.fadingWindows()
        // It has faded (FADING matches this window and closes the cycle): the peak is forgotten,
        // and a new surge starts a new one.
        ? new Level(s.counts, s.volumes, s.baseCount, s.baseVolume, share, recentShare, score, 0,
            recentShare, 0, 0)
        : new Level(s.counts, s.volumes, s.baseCount, s.baseVolume, share, recentShare, peak, age,
            peakShare, shareAge, waned);
    return new Measured(after, figures);
  }

  /** The age of a peak one window (and the skipped ones) later. */
  private static int aged(int age, long skippedWindows) {
    return (int) Math.min(Integer.MAX_VALUE, age + 1L + skippedWindows);
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }

  /**
   * Signed Poisson deviance of {@code observed} against {@code expected}: about a z-score, 0 when
   * nothing is expected.
   */
  public static double score(long observed, double expected) {
    if (expected <= 0) {
      return 0;
    }
    double x = observed;
    double deviance = x == 0 ? 2 * expected : 2 * (x * Math.log(x / expected) - (x - expected));
    return Math.copySign(Math.sqrt(Math.max(0, deviance)), x - expected);
  }

  private record Shifted(long[] counts, long[] volumes, double baseCount, double baseVolume) {}

  /** Appends a window to the recent span; the one that leaves it joins the baseline sums. */
  private static Shifted shift(long[] counts, long[] volumes, double baseCount, double baseVolume,
      long count, long volume, int recent) {
    long[] c = Arrays.copyOf(counts, counts.length + 1);
    long[] v = Arrays.copyOf(volumes, volumes.length + 1);
    c[counts.length] = count;
    v[volumes.length] = volume;
    if (c.length > recent) {
      baseCount += c[0];
      baseVolume += v[0];
      c = Arrays.copyOfRange(c, 1, c.length);
      v = Arrays.copyOfRange(v, 1, v.length);
    }
    return new Shifted(c, v, baseCount, baseVolume);
  }
}
