package io.challengeradar.training.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Regression and ranking metrics. */
public final class Metrics {

  private Metrics() {}

  public static double mae(float[] predicted, float[] actual) {
    same(predicted, actual);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      s += Math.abs(predicted[i] - actual[i]);
    }
    return s / Math.max(1, predicted.length);
  }

  public static double mse(float[] predicted, float[] actual) {
    same(predicted, actual);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = predicted[i] - actual[i];
      s += d * d;
    }
    return s / Math.max(1, predicted.length);
  }

  /** Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank. */
  public static double srcc(float[] a, float[] b) {
    same(a, b);
    return pearson(ranks(a), ranks(b));
  }

  public static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double cov = 0, va = 0, vb = 0;
    for (int i = 0; i < n; i++) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) * (a[i] - ma);
      vb += (b[i] - mb) * (b[i] - mb);
    }
    return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
  }

  /** 1-based ranks, ties averaged. */
  public static double[] ranks(float[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = mean;
      }
      i = j + 1;
    }
    return r;
  }

  /**
   * Average precision of one ranked list: the mean of precision@k over the ranks k of relevant
   * items, divided by all relevant items (those missing from the list count as 0).
   */
  public static <T> double averagePrecision(List<T> ranked, Set<T> relevant) {
    if (relevant.isEmpty()) {
      return 0;
    }
    int hits = 0;
    double sum = 0;
    for (int k = 0; k < ranked.size(); k++) {
      if (relevant.contains(ranked.get(k))) {
        hits++;
        sum += (double) hits / (k + 1);
      }
    }
    return sum / relevant.size();
  }

  public static <T> double precisionAt(int k, List<T> ranked, Set<T> relevant) {
    int hits = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i))) {
        hits++;
      }
    }
    return (double) hits / k;
  }

  /** nDCG@k with binary gains: DCG = sum of 1/log2(rank+1) over hits, over the best possible DCG. */
  public static <T> double ndcgAt(int k, List<T> ranked, Set<T> relevant) {
    if (relevant.isEmpty()) {
      return 0;
    }
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i))) {
        dcg += 1 / log2(i + 2);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.size()); i++) {
      ideal += 1 / log2(i + 2);
    }
    return dcg / ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static void same(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
  }
}
