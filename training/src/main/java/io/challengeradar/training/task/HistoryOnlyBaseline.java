package io.challengeradar.training.task;

import io.challengeradar.training.data.Splits;
import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.report.Fmt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history-only baseline (logistic / linear regression on the author features alone), the same
 * baseline given only what the served pair's choice of head sees, and the breakdown of the test
 * part that shows where their accuracy comes from.
 */
final class HistoryOnlyBaseline {

  private HistoryOnlyBaseline() {}

  /**
   * One baseline's output per test row.
   *
   * @param decisions scores or decisions, cut at 0.5
   * @param logViews predicted ln(1 + views)
   */
  record Predictions(float[] decisions, float[] logViews) {}

  /** Fitted on every training row of {@code split}. */
  static Predictions fit(TaskContext ctx, String label, AuthorHistoryRows rows, float[] viral,
      float[] logViews, Splits.Split split) {
    ViralityHeads.Linear heads = ViralityHeads.Linear.train(ctx, label + " history-only",
        RunSupport.pick(rows.authorOnly(), split.train()), RunSupport.pick(viral, split.train()),
        RunSupport.pick(logViews, split.train()));
    float[][] test = RunSupport.pick(rows.authorOnly(), split.test());
    return new Predictions(heads.logistic().scores(test), heads.linear().scores(test));
  }

  /**
   * The baseline restricted to what the served pair's choice of head sees: fitted on the training
   * rows whose author has an observed earlier video and applied to such test rows; every other
   * test row gets the training rows' majority class and mean log views among those without one.
   * Unlike the plain baseline, it cannot read "an earlier post in the data set" off the posting
   * cadence of an author with no observed video.
   *
   * @return decisions (1 or 0) and predicted log views, per test row
   */
  static Predictions fitObserved(TaskContext ctx, String label, AuthorHistoryRows rows, float[] viral,
      float[] logViews, Splits.Split split) {
    int[] trainWith = rows.withHistory(split.train());
    int[] trainWithout = rows.withoutHistory(split.train());
    double viralShare = 0;
    double meanViews = 0;
    for (int i : trainWithout) {
      viralShare += viral[i];
      meanViews += logViews[i];
    }
    float noneDecision = trainWithout.length > 0 && viralShare / trainWithout.length >= 0.5 ? 1 : 0;
    float noneViews = trainWithout.length == 0 ? 0 : (float) (meanViews / trainWithout.length);
    int m = split.test().length;
    float[] decisions = new float[m];
    float[] views = new float[m];
    Arrays.fill(decisions, noneDecision);
    Arrays.fill(views, noneViews);
    if (trainWith.length >= AuthorHistorySplits.MIN_HISTORY_ROWS) {
      ViralityHeads.Linear heads = ViralityHeads.Linear.train(ctx, label + " history-only (observed)",
          RunSupport.pick(rows.authorOnly(), trainWith), RunSupport.pick(viral, trainWith),
          RunSupport.pick(logViews, trainWith));
      for (int k = 0; k < m; k++) {
        int i = split.test()[k];
        if (rows.has()[i]) {
          float[][] x = {rows.authorOnly()[i]};
          decisions[k] = heads.logistic().scores(x)[0] >= 0.5 ? 1 : 0;
          views[k] = heads.linear().scores(x)[0];
        }
      }
    }
    return new Predictions(decisions, views);
  }

  /**
   * The test part by source file, and within each file by what the author's history holds: rows,
   * viral share and each model's accuracy (decisions cut at 0.5).
   *
   * @param test the test part's rows
   * @param testViral their label
   * @param decisions each model's decisions on them, by the model's name in the report
   */
  static List<Map<String, Object>> groups(int[] test, AuthorHistoryRows rows, float[] testViral,
      Map<String, float[]> decisions) {
    Map<String, Map<String, List<Integer>>> byFile = new TreeMap<>();
    for (int k = 0; k < test.length; k++) {
      Map<String, List<Integer>> of = byFile.computeIfAbsent(rows.files()[test[k]], f -> {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (String kind : List.of("all", AuthorHistoryRows.OBSERVED, AuthorHistoryRows.UNOBSERVED,
            AuthorHistoryRows.NO_EARLIER_POST)) {
          m.put(kind, new ArrayList<>());
        }
        return m;
      });
      of.get("all").add(k);
      of.get(rows.kinds()[test[k]]).add(k);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byFile.forEach((file, of) -> of.forEach((kind, rowsOf) -> {
      if (rowsOf.isEmpty()) {
        return;
      }
      int[] idx = rowsOf.stream().mapToInt(Integer::intValue).toArray();
      float[] viral = RunSupport.pick(testViral, idx);
      double share = 0;
      for (float v : viral) {
        share += v;
      }
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("file", file);
      g.put("author_history", kind);
      g.put("test_rows", idx.length);
      g.put("viral_share", Fmt.r4(share / idx.length));
      Map<String, Object> accuracy = new LinkedHashMap<>();
      decisions.forEach((model, d) -> accuracy.put(model, Fmt.r4(ViralityHeads.onRows(d, testViral, idx).accuracy())));
      g.put("accuracy", accuracy);
      out.add(g);
    }));
    return out;
  }
}
