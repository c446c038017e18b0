package io.challengeradar.training.eval;

import java.util.BitSet;

/**
 * Accuracy and macro precision/recall/F1 of a single-label classifier over many classes, as
 * deepChallenger reports its proxy tasks. The macro average runs over the classes that occur
 * among the labels or the predictions (a class never seen and never predicted has no precision
 * or recall to average); a class that occurs with no correct prediction counts as 0.
 */
public record MulticlassScores(int examples, int classes, double accuracy, double macroPrecision,
    double macroRecall, double macroF1) {

  public static MulticlassScores of(int[] predicted, int[] actual, int classes) {
    if (predicted.length != actual.length) {
      throw new IllegalArgumentException(
          "predicted has " + predicted.length + " values but actual has " + actual.length);
    }
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, was " + classes);
    }
    long[] tp = new long[classes];
    long[] predictedCount = new long[classes];
    long[] actualCount = new long[classes];
    BitSet present = new BitSet(classes);
    long correct = 0;
    for (int i = 0; i < actual.length; i++) {
      check(predicted[i], classes, "predicted");
      check(actual[i], classes, "actual");
      predictedCount[predicted[i]]++;
      actualCount[actual[i]]++;
      present.set(predicted[i]);
      present.set(actual[i]);
      if (predicted[i] == actual[i]) {
        tp[actual[i]]++;
        correct++;
      }
    }
    double p = 0;
    double r = 0;
    double f = 0;
    int n = present.cardinality();
    for (int c = present.nextSetBit(0); c >= 0; c = present.nextSetBit(c + 1)) {
      double pc = predictedCount[c] == 0 ? 0 : (double) tp[c] / predictedCount[c];
      double rc = actualCount[c] == 0 ? 0 : (double) tp[c] / actualCount[c];
      p += pc;
      r += rc;
      f += pc + rc == 0 ? 0 : 2 * pc * rc / (pc + rc);
    }
    return new MulticlassScores(actual.length, n,
        actual.length == 0 ? 0 : (double) correct / actual.length,
        n == 0 ? 0 : p / n, n == 0 ? 0 : r / n, n == 0 ? 0 : f / n);
  }

  private static void check(int label, int classes, String which) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException(which + " label " + label + " is outside [0, " + classes + ")");
    }
  }
}
