package io.challengeradar.flink.ops;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.model.WindowStats;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The lifecycle stages as CEP patterns over one tag's measured window series (see {@link
 * ShareSurge}). Each window already carries the previous window's share and the tag's recent peak
 * score, so every condition looks at one window; the patterns add the "in a row" part. A match
 * skips past its last window. The patterns find candidates; {@link StageLifecycle} raises them in
 * order, one per tag and window.
 */
public final class ChallengePatterns {
  private ChallengePatterns() {}

  /** A stage, its pattern, and the names of its steps in match order. */
  public record StagePattern(Stage stage, Pattern<WindowStats, ?> pattern, List<String> steps) {}

  public static List<StagePattern> all(CepThresholds t) {
    return List.of(emerging(t), accelerating(t), peaked(t), fading(t));
  }

  /** k surging windows in a row: the tag runs far above its baseline share. */
  public static StagePattern emerging(CepThresholds t) {
    return new StagePattern(Stage.EMERGING,
        Pattern.<WindowStats>begin("surging", skip())
            .where(Surging.of(t))
            .times(t.emergingWindows())
            .consecutive(),
        List.of("surging"));
  }

  /** k surging windows in a row whose recent share grows by at least the factor. */
  public static StagePattern accelerating(CepThresholds t) {
    return new StagePattern(Stage.ACCELERATING,
        Pattern.<WindowStats>begin("accelerating", skip())
            .where(new Accelerating(t.acceleratingMinFactor(), t.acceleratingMinNewParticipants()))
            .where(Surging.of(t))
            .times(t.acceleratingWindows())
            .consecutive(),
        List.of("accelerating"));
  }

  /**
   * A surging window with many new participants, directly followed by one whose share falls
   * clearly below it.
   */
  public static StagePattern peaked(CepThresholds t) {
    return new StagePattern(Stage.PEAKED,
        Pattern.<WindowStats>begin("peak", skip())
            .where(new AtLeastNew(t.peakedMinParticipants()))
            .where(Surging.of(t))
            .next("drop")
            .where(new ShareDrop(t.peakedMinDrop())),
        List.of("peak", "drop"));
  }

  /**
   * k windows in a row that no longer surge and whose recent share has fallen well below the
   * tag's peak recent share, for tags that were big enough and surged in their recent past. A
   * score under the surge threshold alone is not a fall: while a challenge climbs, its baseline
   * catches up with it and its score falls while its share still rises.
   */
  public static StagePattern fading(CepThresholds t) {
    return new StagePattern(Stage.FADING,
        Pattern.<WindowStats>begin("fading", skip())
            .where(new Waning(t.minScore(), t.fadingMaxShareOfPeak(),
                t.fadingMinCumulativeParticipants()))
            .times(t.fadingWindows())
            .consecutive(),
        List.of("fading"));
  }

  private static AfterMatchSkipStrategy skip() {
    return AfterMatchSkipStrategy.skipPastLastEvent();
  }

  /** Score, lift and the recent span's new participants all at least their minimum. */
  static final class Surging extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final double minScore;
    private final double minLift;
    private final long minNew;

    Surging(double minScore, double minLift, long minNew) {
      this.minScore = minScore;
      this.minLift = minLift;
      this.minNew = minNew;
    }

    static Surging of(CepThresholds t) {
      return new Surging(t.minScore(), t.minLift(), t.minNewParticipants());
    }

    @Override
    public boolean filter(WindowStats w) {
      return w.trend().score() >= minScore && w.trend().lift() >= minLift
          && w.trend().recentNewParticipants() >= minNew;
    }
  }

  /**
   * Below the surge score now, with a recent share of at most {@code maxShareOfPeak} of the tag's
   * peak recent share, for a tag that surged lately and had at least {@code minCumulative}
   * participants in all.
   */
  static final class Waning extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final double minScore;
    private final double maxShareOfPeak;
    private final long minCumulative;

    Waning(double minScore, double maxShareOfPeak, long minCumulative) {
      this.minScore = minScore;
      this.maxShareOfPeak = maxShareOfPeak;
      this.minCumulative = minCumulative;
    }

    @Override
    public boolean filter(WindowStats w) {
      return w.trend().score() < minScore && w.trend().peakScore() >= minScore
          && w.trend().recentShare() <= maxShareOfPeak * w.trend().peakRecentShare()
          && w.counts().cumulativeParticipants() >= minCumulative;
    }
  }

  /**
   * Recent share at least {@code factor} times the previous window's (which had some), with at
   * least {@code minNew} new participants in the recent span.
   */
  static final class Accelerating extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final double factor;
    private final long minNew;

    Accelerating(double factor, long minNew) {
      this.factor = factor;
      this.minNew = minNew;
    }

    @Override
    public boolean filter(WindowStats w) {
      return w.trend().recentNewParticipants() >= minNew
          && w.trend().previousRecentShare() > 0
          && w.trend().recentShare() >= factor * w.trend().previousRecentShare();
    }
  }

  /** At least {@code minNew} new participants. */
  static final class AtLeastNew extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final long minNew;

    AtLeastNew(long minNew) {
      this.minNew = minNew;
    }

    @Override
    public boolean filter(WindowStats w) {
      return w.counts().newParticipants() >= minNew;
    }
  }

  /** Share down by at least {@code minDrop} from the previous window's (which had some). */
  static final class ShareDrop extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final double minDrop;

    ShareDrop(double minDrop) {
      this.minDrop = minDrop;
    }

    @Override
    public boolean filter(WindowStats w) {
      return w.trend().previousShare() > 0
          && w.trend().share() <= (1 - minDrop) * w.trend().previousShare();
    }
  }
}
