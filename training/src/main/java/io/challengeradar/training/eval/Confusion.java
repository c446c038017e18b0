package io.challengeradar.training.eval;

/**
 * A binary confusion matrix, and the metrics read from it. "Macro" metrics average the positive
 * and the negative class with equal weight, as deepChallenger reports them.
 */
public record Confusion(long tp, long fp, long tn, long fn) {

  /** Counts predictions {@code score >= threshold} against labels {@code > 0.5}. */
  public static Confusion of(float[] scores, float[] labels, double threshold) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          "scores has " + scores.length + " values but labels has " + labels.length);
    }
    long tp = 0, fp = 0, tn = 0, fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean predicted = scores[i] >= threshold;
      boolean actual = labels[i] > 0.5f;
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      } else {
        tn++;
      }
    }
    return new Confusion(tp, fp, tn, fn);
  }

  public long total() {
    return tp + fp + tn + fn;
  }

  public double accuracy() {
    return ratio(tp + tn, total());
  }

  public double precision() {
    return ratio(tp, tp + fp);
  }

  public double recall() {
    return ratio(tp, tp + fn);
  }

  public double f1() {
    return f1(precision(), recall());
  }

  /** Precision and recall of the negative class. */
  public double negativePrecision() {
    return ratio(tn, tn + fn);
  }

  public double negativeRecall() {
    return ratio(tn, tn + fp);
  }

  public double macroPrecision() {
    return (precision() + negativePrecision()) / 2;
  }

  public double macroRecall() {
    return (recall() + negativeRecall()) / 2;
  }

  public double macroF1() {
    return (f1() + f1(negativePrecision(), negativeRecall())) / 2;
  }

  private static double f1(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** 0 when the denominator is 0: a class never predicted has precision 0, as scikit-learn does. */
  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
