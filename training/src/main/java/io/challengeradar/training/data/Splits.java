package io.challengeradar.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Train/test partitions as index arrays. Every split is a pure function of its inputs and seed, so
 * a rerun sees the same rows.
 */
public final class Splits {

  /** Row indices for training and for testing. */
  public record Split(int[] train, int[] test) {}

  private Splits() {}

  /** A random split that keeps the share of each label in both parts. */
  public static Split stratified(boolean[] labels, double testShare, long seed) {
    share(testShare);
    Random r = new Random(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (boolean cls : new boolean[] {false, true}) {
      List<Integer> g = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == cls) {
          g.add(i);
        }
      }
      Collections.shuffle(g, r);
      int n = (int) Math.round(g.size() * testShare);
      test.addAll(g.subList(0, n));
      train.addAll(g.subList(n, g.size()));
    }
    return of(train, test);
  }

  /** A random split of {@code n} rows. */
  public static Split random(int n, double testShare, long seed) {
    share(testShare);
    List<Integer> all = range(n);
    Collections.shuffle(all, new Random(seed));
    int t = (int) Math.round(n * testShare);
    return of(all.subList(t, n), all.subList(0, t));
  }

  /** The latest {@code testShare} of the rows by time are the test part (ties by index). */
  public static Split byTime(long[] times, double testShare) {
    share(testShare);
    List<Integer> all = range(times.length);
    all.sort(Comparator.<Integer>comparingLong(i -> times[i]).thenComparingInt(i -> i));
    int cut = times.length - (int) Math.round(times.length * testShare);
    return of(all.subList(0, cut), all.subList(cut, all.size()));
  }

  /**
   * Whole groups (users) go to one side: about {@code testShare} of the rows, in groups drawn at
   * random, are the test part, so no test user is seen in training.
   */
  public static Split byGroup(String[] groups, double testShare, long seed) {
    share(testShare);
    Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
    for (int i = 0; i < groups.length; i++) {
      byGroup.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
    }
    List<String> names = new ArrayList<>(byGroup.keySet());
    Collections.sort(names);
    Collections.shuffle(names, new Random(seed));
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    long target = Math.round(groups.length * testShare);
    for (String g : names) {
      (test.size() < target ? test : train).addAll(byGroup.get(g));
    }
    return of(train, test);
  }

  /** {@code k} folds of a seeded shuffle, stratified by label; fold i tests on the i-th part. */
  public static List<Split> kFold(boolean[] labels, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("k must be at least 2, was " + k);
    }
    Random r = new Random(seed);
    List<List<Integer>> parts = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      parts.add(new ArrayList<>());
    }
    for (boolean cls : new boolean[] {false, true}) {
      List<Integer> g = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == cls) {
          g.add(i);
        }
      }
      Collections.shuffle(g, r);
      for (int i = 0; i < g.size(); i++) {
        parts.get(i % k).add(g.get(i));
      }
    }
    List<Split> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      List<Integer> train = new ArrayList<>();
      for (int o = 0; o < k; o++) {
        if (o != f) {
          train.addAll(parts.get(o));
        }
      }
      out.add(of(train, parts.get(f)));
    }
    return out;
  }

  private static Split of(List<Integer> train, List<Integer> test) {
    int[] a = train.stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] b = test.stream().mapToInt(Integer::intValue).sorted().toArray();
    return new Split(a, b);
  }

  private static List<Integer> range(int n) {
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    return all;
  }

  private static void share(double s) {
    if (!(s > 0 && s < 1)) {
      throw new IllegalArgumentException("testShare must be in (0, 1), was " + s);
    }
  }
}
