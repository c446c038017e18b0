package io.challengeradar.training.task;

import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.eval.Thresholds;
import io.challengeradar.training.nn.Objective;
import io.challengeradar.training.nn.TrainedHead;
import io.challengeradar.training.nn.TrainingOptions;

/** How the virality task fits a classifier and its linear baselines, and puts decisions on one cut. */
final class ViralityHeads {

  private ViralityHeads() {}

  /** A classifier and its decision threshold: the one of best accuracy on its validation share. */
  record Classifier(TrainedHead head, double threshold) {

    static Classifier train(TaskContext ctx, String label, TrainingOptions options, float[][] x, float[] viral) {
      TrainedHead head = RunSupport.train(ctx, label, options, x, viral, Objective.BINARY);
      return new Classifier(
          head, Thresholds.best(head.validationScores(), head.validationTargets(), Confusion::accuracy));
    }

    /** Its scores on {@code x}, moved so that it decides at 0.5 ({@link #atHalf}). */
    float[] decisions(float[][] x) {
      return atHalf(head.scores(x), threshold);
    }
  }

  /**
   * Logistic and linear regression (no hidden layer) on the same rows.
   *
   * @param logistic fitted on the viral label
   * @param linear fitted on ln(1 + views)
   */
  record Linear(TrainedHead logistic, TrainedHead linear) {

    /** Trains "{@code label} logistic regression", then "{@code label} linear regression". */
    static Linear train(TaskContext ctx, String label, float[][] x, float[] viral, float[] logViews) {
      TrainingOptions options = ctx.options().withHidden(0);
      TrainedHead logistic =
          RunSupport.train(ctx, label + " logistic regression", options, x, viral, Objective.BINARY);
      TrainedHead linear =
          RunSupport.train(ctx, label + " linear regression", options, x, logViews, Objective.REGRESSION);
      return new Linear(logistic, linear);
    }
  }

  /**
   * Scores moved so that one cut at 0.5 applies to heads that each decide at their own threshold.
   */
  static float[] atHalf(float[] scores, double threshold) {
    float[] out = new float[scores.length];
    for (int k = 0; k < scores.length; k++) {
      out[k] = (float) (scores[k] - threshold + 0.5);
    }
    return out;
  }

  /** Decisions cut at 0.5 against the viral label, on the rows {@code rows} of both. */
  static Confusion onRows(float[] decisions, float[] viral, int[] rows) {
    return Confusion.of(RunSupport.pick(decisions, rows), RunSupport.pick(viral, rows), 0.5);
  }
}
