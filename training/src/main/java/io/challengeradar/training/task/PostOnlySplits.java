package io.challengeradar.training.task;

import io.challengeradar.training.data.Splits;
import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.eval.Metrics;
import io.challengeradar.training.nn.Objective;
import io.challengeradar.training.nn.TrainedHead;
import io.challengeradar.training.nn.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The split protocols of seed 004 on one data set (by time, by user, random, in that order) with
 * the post-only heads: an MLP classifier and regressor on the caption vector and the metadata,
 * against logistic / linear regression on the metadata alone.
 */
final class PostOnlySplits {

  /** Where each protocol's result stands in {@link #evaluate}'s list. */
  static final int TIME = 0;
  static final int USER = 1;
  static final int RANDOM = 2;

  private PostOnlySplits() {}

  /**
   * One split's post-only heads and baselines on its test part.
   *
   * @param ratioCut the viral label's cut: the training part's median ratio
   * @param model the classifier at its own threshold
   * @param baseline logistic regression on the metadata, at 0.5
   * @param testScores the classifier's scores on the test part
   * @param testPredicted the regressor's ln(1 + views) on the test part
   * @param testActual ln(1 + views) of the test part
   * @param viral the label of every row (not only the test part's), cut at {@code ratioCut}
   */
  record Result(
      String dataSet,
      String name,
      int trainRows,
      int testRows,
      double ratioCut,
      Confusion model,
      Confusion baseline,
      double mae,
      double srcc,
      double baseMae,
      double baseSrcc,
      TrainedHead classifier,
      double threshold,
      TrainedHead regressor,
      float[] testPredicted,
      float[] testActual,
      Splits.Split split,
      float[] testScores,
      float[] viral) {}

  /** The time, user and random splits of one data set, in that order ({@link #TIME}, ...). */
  static List<Result> evaluate(TaskContext ctx, ViralityRows rows) {
    long seed = ctx.options().seed();
    Map<String, Splits.Split> splits = new LinkedHashMap<>();
    splits.put("time", Splits.byTime(rows.times(), ViralityTask.TEST_SHARE));
    splits.put("user", Splits.byGroup(rows.users(), ViralityTask.TEST_SHARE, seed));
    splits.put("random", Splits.random(rows.times().length, ViralityTask.TEST_SHARE, seed));
    List<Result> out = new ArrayList<>();
    for (Map.Entry<String, Splits.Split> e : splits.entrySet()) {
      out.add(evaluate(ctx, rows, e.getKey(), e.getValue()));
    }
    return out;
  }

  private static Result evaluate(TaskContext ctx, ViralityRows rows, String name, Splits.Split split) {
    TrainingOptions options = ctx.options();
    String label = "virality " + rows.dataSet() + " " + name;
    double cut = medianOf(rows.ratio(), split.train());
    float[] viral = new float[rows.ratio().length];
    for (int i = 0; i < viral.length; i++) {
      viral[i] = rows.ratio()[i] >= cut ? 1 : 0;
    }
    float[][] trainFull = RunSupport.pick(rows.full(), split.train());
    float[][] testFull = RunSupport.pick(rows.full(), split.test());
    float[][] trainMeta = RunSupport.pick(rows.meta(), split.train());
    float[][] testMeta = RunSupport.pick(rows.meta(), split.test());
    float[] trainViral = RunSupport.pick(viral, split.train());
    float[] trainViews = RunSupport.pick(rows.logViews(), split.train());
    float[] testViral = RunSupport.pick(viral, split.test());
    float[] testViews = RunSupport.pick(rows.logViews(), split.test());

    ViralityHeads.Classifier cls =
        ViralityHeads.Classifier.train(ctx, label + " classifier", options, trainFull, trainViral);
    float[] testScores = cls.head().scores(testFull);
    Confusion model = Confusion.of(testScores, testViral, cls.threshold());
    TrainedHead lr = RunSupport.train(ctx, label + " logistic regression", options.withHidden(0),
        trainMeta, trainViral, Objective.BINARY);
    Confusion baseline = Confusion.of(lr.scores(testMeta), testViral, 0.5);

    TrainedHead regressor = RunSupport.train(ctx, label + " regressor", options, trainFull,
        trainViews, Objective.REGRESSION);
    float[] predicted = regressor.scores(testFull);
    TrainedHead linear = RunSupport.train(ctx, label + " linear regression", options.withHidden(0),
        trainMeta, trainViews, Objective.REGRESSION);
    float[] basePredicted = linear.scores(testMeta);
    return new Result(rows.dataSet(), name, split.train().length, split.test().length, cut, model, baseline,
        Metrics.mae(predicted, testViews), Metrics.srcc(predicted, testViews),
        Metrics.mae(basePredicted, testViews), Metrics.srcc(basePredicted, testViews),
        cls.head(), cls.threshold(), regressor, predicted, testViews, split, testScores, viral);
  }

  /** The median of {@code values} over the rows {@code idx} (the upper one of an even count). */
  static double medianOf(double[] values, int[] idx) {
    double[] of = new double[idx.length];
    for (int i = 0; i < of.length; i++) {
      of[i] = values[idx[i]];
    }
    Arrays.sort(of);
    return of[of.length / 2];
  }
}
