package io.challengeradar.flink.ops;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.model.WindowStats;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The lifecycle stages as CEP patterns over one tag's window series. Each window already carries
 * the previous window's figures, so every condition looks at one window; the patterns add the
 * "in a row" part. A match skips past its last window, so a long run alerts once per run of
 * windows rather than once per window.
 */
public final class ChallengePatterns {
  private ChallengePatterns() {}

  /** A stage, its pattern, and the names of its steps in match order. */
  public record StagePattern(Stage stage, Pattern<WindowStats, ?> pattern, List<String> steps) {}

  public static List<StagePattern> all(CepThresholds t) {
    return List.of(emerging(t), accelerating(t), peaked(t), fading(t));
  }

  /** k windows in a row, each surging: far more new participants than the tag usually gets. */
  public static StagePattern emerging(CepThresholds t) {
    return new StagePattern(Stage.EMERGING,
        Pattern.<WindowStats>begin("surging", skip())
            .where(new Surging(t.minSurge()))
            .times(t.emergingWindows())
            .consecutive(),
        List.of("surging"));
  }

  /** k surging windows in a row whose new participants multiply by at least the factor. */
  public static StagePattern accelerating(CepThresholds t) {
    return new StagePattern(Stage.ACCELERATING,
        Pattern.<WindowStats>begin("accelerating", skip())
            .where(new Accelerating(t.acceleratingMinFactor(), t.acceleratingMinNewParticipants()))
            .where(new Surging(t.minSurge()))
            .times(t.acceleratingWindows())
            .consecutive(),
        List.of("accelerating"));
  }

  /**
   * A surging window with many new participants, directly followed by one that falls clearly
   * below it.
   */
  public static StagePattern peaked(CepThresholds t) {
    return new StagePattern(Stage.PEAKED,
        Pattern.<WindowStats>begin("peak", skip())
            .where(new AtLeastNew(t.peakedMinParticipants()))
            .where(new Surging(t.minSurge()))
            .next("drop")
            .where(new Declining(t.peakedMinDrop(), t.peakedMinParticipants(), 0)),
        List.of("peak", "drop"));
  }

  /**
   * k windows in a row each falling by at least the decline, for tags that were big enough and
   * surged in their recent past: an ordinary tag's daily ebb is not a challenge fading.
   */
  public static StagePattern fading(CepThresholds t) {
    return new StagePattern(Stage.FADING,
        Pattern.<WindowStats>begin("fading", skip())
            .where(new Declining(t.fadingMinDecline(), 1, t.fadingMinCumulativeParticipants()))
            .where(new SurgedLately(t.minSurge()))
            .times(t.fadingWindows())
            .consecutive(),
        List.of("fading"));
  }

  private static AfterMatchSkipStrategy skip() {
    return AfterMatchSkipStrategy.skipPastLastEvent();
  }

  /** A surge of at least {@code minSurge}. */
  static final class Surging extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final double minSurge;

    Surging(double minSurge) {
      this.minSurge = minSurge;
    }

    @Override
    public boolean filter(WindowStats w) {
      return w.trend().surge() >= minSurge;
    }
  }

  /** A peak surge of at least {@code minSurge} in the tag's recent past. */
  static final class SurgedLately extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final double minSurge;

    SurgedLately(double minSurge) {
      this.minSurge = minSurge;
    }

    @Override
    public boolean filter(WindowStats w) {
      return w.trend().peakSurge() >= minSurge;
    }
  }

  /** New participants at least {@code factor} times the previous window's (which had some). */
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
      WindowStats.Counts c = w.counts();
      return c.newParticipants() >= minNew
          && c.previousNewParticipants() > 0
          && c.newParticipants() >= factor * c.previousNewParticipants();
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

  /**
   * New participants down by at least {@code minDrop} from a previous window that had at least
   * {@code minPrevious}, for a tag with at least {@code minCumulative} participants in all.
   */
  static final class Declining extends SimpleCondition<WindowStats> {
    private static final long serialVersionUID = 1L;
    private final double minDrop;
    private final long minPrevious;
    private final long minCumulative;

    Declining(double minDrop, long minPrevious, long minCumulative) {
      this.minDrop = minDrop;
      this.minPrevious = minPrevious;
      this.minCumulative = minCumulative;
    }

    @Override
    public boolean filter(WindowStats w) {
      WindowStats.Counts c = w.counts();
      return c.previousNewParticipants() >= minPrevious
          && c.cumulativeParticipants() >= minCumulative
          && c.newParticipants() <= (1 - minDrop) * c.previousNewParticipants();
    }
  }
}
