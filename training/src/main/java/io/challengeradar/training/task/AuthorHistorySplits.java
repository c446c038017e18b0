package io.challengeradar.training.task;

import io.challengeradar.serving.wire.Wire;
import io.challengeradar.training.data.Splits;
import io.challengeradar.training.data.VnFeedData;
import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.eval.GroupMajority;
import io.challengeradar.training.eval.Metrics;
import io.challengeradar.training.nn.Objective;
import io.challengeradar.training.nn.TrainedHead;
import io.challengeradar.training.nn.TrainingOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The author-history head on each split of the post-only evaluation (same rows, same split, same
 * label cut), the served pair made of it and the post-only head, and the history-only baseline
 * with what its accuracy is made of ({@link HistoryOnlyBaseline}).
 */
final class AuthorHistorySplits {

  /** Fewer training rows with an observed earlier video than this: no model is fitted on them. */
  static final int MIN_HISTORY_ROWS = 50;

  private AuthorHistorySplits() {}

  /**
   * One split with the author's history: the served pair (author-history head where the author
   * has history, else the post-only head of the same split) and the history-only baseline.
   *
   * @param served the pair's decisions on the whole test part
   * @param historyOnly logistic regression on the author features alone
   * @param withHistory test rows whose author has history
   * @param servedOnHistory the pair on those rows (the author-history head's own)
   * @param postOnlyOnHistory the post-only head on those rows
   * @param historyOnlyOnHistory the history-only baseline on those rows
   * @param historyOnlyObserved the history-only baseline given what the pair's choice of head
   *     sees: logistic regression on the author features where the author has an observed earlier
   *     video, else the majority class of the training rows without one
   * @param earlierPostRule the majority class of the training rows with and without an earlier
   *     post in the data set: the one bit the history-only baseline reads on most rows
   * @param sourceFileRule the majority class of the training rows of each source file
   * @param historyHeadEveryRow not served: the author-history head on every test row
   * @param trainWithHistory training rows whose author has history
   * @param pairFittedOnHistoryRows not served: the pair with an author-history head fitted on the
   *     training rows with history only, so that it never sees the rows without
   * @param pairFittedOnHistoryRowsOnHistory that pair on the test rows with history
   * @param groups the test part by source file and by what the author's history holds
   */
  record Result(
      String variant,
      String name,
      int withHistory,
      Confusion served,
      Confusion historyOnly,
      Confusion servedOnHistory,
      Confusion postOnlyOnHistory,
      Confusion historyOnlyOnHistory,
      Confusion historyOnlyObserved,
      Confusion earlierPostRule,
      Confusion sourceFileRule,
      Confusion historyHeadEveryRow,
      int trainWithHistory,
      Confusion pairFittedOnHistoryRows,
      Confusion pairFittedOnHistoryRowsOnHistory,
      double mae,
      double srcc,
      double historyOnlyMae,
      double historyOnlySrcc,
      double historyOnlyObservedMae,
      double historyOnlyObservedSrcc,
      double srccOnHistory,
      double postOnlySrccOnHistory,
      List<Map<String, Object>> groups,
      TrainedHead classifier,
      double threshold) {}

  /**
   * Each split of {@code postOnly} with the author's history as {@code history} holds it, one
   * entry per video of {@code videos} (the rows of {@code rows}).
   *
   * @param variant how the history was replayed, for the labels and the report
   */
  static List<Result> evaluate(TaskContext ctx, String variant, ViralityRows rows,
      List<VnFeedData.Video> videos, Wire.AuthorHistory[] history, List<PostOnlySplits.Result> postOnly) {
    AuthorHistoryRows withHistory = AuthorHistoryRows.of(rows, videos, history);
    List<Result> out = new ArrayList<>();
    for (PostOnlySplits.Result p : postOnly) {
      out.add(evaluate(ctx, "virality author history (" + variant + ") " + p.name(), variant, rows,
          withHistory, p));
    }
    return out;
  }

  private static Result evaluate(TaskContext ctx, String label, String variant, ViralityRows rows,
      AuthorHistoryRows h, PostOnlySplits.Result p) {
    TrainingOptions options = ctx.options();
    Splits.Split split = p.split();
    float[] trainViral = RunSupport.pick(p.viral(), split.train());
    float[][] trainFull = RunSupport.pick(h.full(), split.train());
    float[][] testFull = RunSupport.pick(h.full(), split.test());
    float[] testViral = RunSupport.pick(p.viral(), split.test());
    float[] testViews = p.testActual();
    ViralityHeads.Classifier cls =
        ViralityHeads.Classifier.train(ctx, label + " classifier", options, trainFull, trainViral);
    TrainedHead reg = RunSupport.train(ctx, label + " regressor", options, trainFull,
        RunSupport.pick(rows.logViews(), split.train()), Objective.REGRESSION);
    HistoryOnlyBaseline.Predictions historyOnly =
        HistoryOnlyBaseline.fit(ctx, label, h, p.viral(), rows.logViews(), split);
    HistoryOnlyBaseline.Predictions observedOnly =
        HistoryOnlyBaseline.fitObserved(ctx, label, h, p.viral(), rows.logViews(), split);

    // The served pair: each post goes to the author-history head when its author has an observed
    // earlier video, else to the post-only head; both decide at 0.5 once shifted.
    int[] hr = IntStream.range(0, split.test().length).filter(k -> h.has()[split.test()[k]]).toArray();
    float[] everyRow = cls.decisions(testFull);
    float[] postShifted = ViralityHeads.atHalf(p.testScores(), p.threshold());
    float[] servedScores = overRows(postShifted, RunSupport.pick(everyRow, hr), hr);
    float[] servedViews = overRows(p.testPredicted(), RunSupport.pick(reg.scores(testFull), hr), hr);
    int[] trainWith = h.withHistory(split.train());
    // Not served: the pair with an author-history head that never sees the rows without history.
    float[] fittedOnHistory = postShifted.clone();
    if (trainWith.length >= MIN_HISTORY_ROWS && hr.length > 0) {
      ViralityHeads.Classifier own = ViralityHeads.Classifier.train(ctx,
          label + " classifier fitted on rows with history", options, RunSupport.pick(h.full(), trainWith),
          RunSupport.pick(p.viral(), trainWith));
      fittedOnHistory = overRows(fittedOnHistory, own.decisions(RunSupport.pick(testFull, hr)), hr);
    }
    float[] ruleEarlier = GroupMajority.predict(h.earlier(), p.viral(), split.train(), split.test());
    float[] ruleFile = GroupMajority.predict(h.files(), p.viral(), split.train(), split.test());
    Map<String, float[]> decisions = new LinkedHashMap<>();
    decisions.put("served", servedScores);
    decisions.put("post_only", postShifted);
    decisions.put("history_only", historyOnly.decisions());
    decisions.put("history_only_observed", observedOnly.decisions());
    decisions.put("earlier_post_rule", ruleEarlier);
    decisions.put("source_file_rule", ruleFile);
    // Not served: the author-history head on every post, so that it too reads the cadence bit.
    decisions.put("author_history_head_every_row", everyRow);
    decisions.put("served_history_head_fitted_on_history_rows", fittedOnHistory);
    return new Result(variant, p.name(), hr.length,
        Confusion.of(servedScores, testViral, 0.5),
        Confusion.of(historyOnly.decisions(), testViral, 0.5),
        ViralityHeads.onRows(servedScores, testViral, hr),
        ViralityHeads.onRows(postShifted, testViral, hr),
        ViralityHeads.onRows(historyOnly.decisions(), testViral, hr),
        Confusion.of(observedOnly.decisions(), testViral, 0.5),
        Confusion.of(ruleEarlier, testViral, 0.5),
        Confusion.of(ruleFile, testViral, 0.5),
        Confusion.of(everyRow, testViral, 0.5),
        trainWith.length,
        Confusion.of(fittedOnHistory, testViral, 0.5),
        ViralityHeads.onRows(fittedOnHistory, testViral, hr),
        Metrics.mae(servedViews, testViews), Metrics.srcc(servedViews, testViews),
        Metrics.mae(historyOnly.logViews(), testViews), Metrics.srcc(historyOnly.logViews(), testViews),
        Metrics.mae(observedOnly.logViews(), testViews), Metrics.srcc(observedOnly.logViews(), testViews),
        srccOnRows(servedViews, testViews, hr),
        srccOnRows(p.testPredicted(), testViews, hr),
        HistoryOnlyBaseline.groups(split.test(), h, testViral, decisions),
        cls.head(), cls.threshold());
  }

  /** A copy of {@code base} whose entry {@code rows[j]} is {@code over[j]}, for each j. */
  static float[] overRows(float[] base, float[] over, int[] rows) {
    float[] out = base.clone();
    for (int j = 0; j < rows.length; j++) {
      out[rows[j]] = over[j];
    }
    return out;
  }

  private static double srccOnRows(float[] predicted, float[] actual, int[] rows) {
    return rows.length < 2 ? Double.NaN
        : Metrics.srcc(RunSupport.pick(predicted, rows), RunSupport.pick(actual, rows));
  }
}
