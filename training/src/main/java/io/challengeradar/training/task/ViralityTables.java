package io.challengeradar.training.task;

import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.report.Fmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The virality report's per-split maps (report.json) and table rows (report.md). */
final class ViralityTables {

  private ViralityTables() {}

  static Map<String, Object> splitMaps(List<PostOnlySplits.Result> results) {
    Map<String, Object> perSplit = new LinkedHashMap<>();
    for (PostOnlySplits.Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("train_rows", r.trainRows());
      m.put("test_rows", r.testRows());
      m.put("viral_cut", Fmt.r4(r.ratioCut()));
      m.put("classifier", RunSupport.binaryMetrics(r.model(), r.threshold()));
      m.put("baseline_logistic_regression_metadata", atHalf(r.baseline()));
      m.put("regressor", regression(r.mae(), r.srcc()));
      m.put("baseline_linear_regression_metadata", regression(r.baseMae(), r.baseSrcc()));
      perSplit.put(r.name(), m);
    }
    return perSplit;
  }

  static Map<String, Object> historyMaps(List<AuthorHistorySplits.Result> results) {
    Map<String, Object> perSplit = new LinkedHashMap<>();
    for (AuthorHistorySplits.Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("test_rows_with_history", r.withHistory());
      m.put("train_rows_with_history", r.trainWithHistory());
      m.put("served", atHalf(r.served()));
      m.put("served_regression", regression(r.mae(), r.srcc()));
      m.put("history_only_logistic_regression", atHalf(r.historyOnly()));
      m.put("history_only_linear_regression", regression(r.historyOnlyMae(), r.historyOnlySrcc()));
      m.put("history_only_observed_logistic_regression", atHalf(r.historyOnlyObserved()));
      m.put("history_only_observed_linear_regression",
          regression(r.historyOnlyObservedMae(), r.historyOnlyObservedSrcc()));
      m.put("earlier_post_rule", atHalf(r.earlierPostRule()));
      m.put("source_file_rule", atHalf(r.sourceFileRule()));
      m.put("author_history_head_every_row", atHalf(r.historyHeadEveryRow()));
      m.put("served_history_head_fitted_on_history_rows", atHalf(r.pairFittedOnHistoryRows()));
      m.put("history_head_fitted_on_history_rows_on_history_rows", atHalf(r.pairFittedOnHistoryRowsOnHistory()));
      m.put("author_history_head_on_history_rows", atHalf(r.servedOnHistory()));
      m.put("post_only_head_on_history_rows", atHalf(r.postOnlyOnHistory()));
      m.put("history_only_on_history_rows", atHalf(r.historyOnlyOnHistory()));
      m.put("by_file_and_author_history", r.groups());
      m.put("srcc_on_history_rows", Map.of("author_history", Fmt.r4(r.srccOnHistory()),
          "post_only", Fmt.r4(r.postOnlySrccOnHistory())));
      m.put("author_history_threshold", Fmt.r4(r.threshold()));
      perSplit.put(r.name(), m);
    }
    return perSplit;
  }

  private static Map<String, Object> atHalf(Confusion c) {
    return RunSupport.binaryMetrics(c, 0.5);
  }

  private static Map<String, Double> regression(double mae, double srcc) {
    return Map.of("mae", Fmt.r4(mae), "srcc", Fmt.r4(srcc));
  }

  /** Viral or not: each split's classifier and logistic regression on the metadata. */
  static List<List<String>> classificationRows(List<PostOnlySplits.Result> results) {
    List<List<String>> out = new ArrayList<>();
    for (PostOnlySplits.Result r : results) {
      out.add(List.of(r.dataSet(), r.name(), Fmt.f4(r.model().accuracy()), Fmt.f4(r.model().f1()),
          Fmt.f4(r.baseline().accuracy()), Fmt.f4(r.baseline().f1())));
    }
    return out;
  }

  /** ln(1 + views): each split's regressor and linear regression on the metadata. */
  static List<List<String>> regressionRows(List<PostOnlySplits.Result> results) {
    List<List<String>> out = new ArrayList<>();
    for (PostOnlySplits.Result r : results) {
      out.add(List.of(r.dataSet(), r.name(), Fmt.f4(r.mae()), Fmt.f4(r.srcc()), Fmt.f4(r.baseMae()),
          Fmt.f4(r.baseSrcc())));
    }
    return out;
  }

  /** Both history variants, each split beside the post-only head of the same split. */
  static List<List<String>> historyRows(List<AuthorHistorySplits.Result> observed,
      List<AuthorHistorySplits.Result> settled, List<PostOnlySplits.Result> postOnly) {
    List<List<String>> out = new ArrayList<>();
    for (List<AuthorHistorySplits.Result> variant : List.of(observed, settled)) {
      for (int i = 0; i < variant.size(); i++) {
        AuthorHistorySplits.Result r = variant.get(i);
        PostOnlySplits.Result p = postOnly.get(i);
        out.add(List.of(r.variant(), r.name(), Integer.toString(r.withHistory()),
            Fmt.f4(r.served().accuracy()), Fmt.f4(p.model().accuracy()), Fmt.f4(r.historyOnly().accuracy()),
            Fmt.f4(r.srcc()), Fmt.f4(p.srcc()), Fmt.f4(r.historyOnlySrcc()),
            Fmt.f4(r.servedOnHistory().accuracy()), Fmt.f4(r.postOnlyOnHistory().accuracy())));
      }
    }
    return out;
  }

  /** What the history-only baseline's accuracy is made of, per split. */
  static List<List<String>> artefactRows(List<AuthorHistorySplits.Result> observed,
      List<PostOnlySplits.Result> postOnly) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < observed.size(); i++) {
      AuthorHistorySplits.Result r = observed.get(i);
      out.add(List.of(r.name(), Integer.toString(r.trainWithHistory()), Fmt.f4(r.served().accuracy()),
          Fmt.f4(postOnly.get(i).model().accuracy()),
          Fmt.f4(r.historyOnly().accuracy()), Fmt.f4(r.historyOnlyObserved().accuracy()),
          Fmt.f4(r.earlierPostRule().accuracy()), Fmt.f4(r.sourceFileRule().accuracy()),
          Fmt.f4(r.historyHeadEveryRow().accuracy()), Fmt.f4(r.pairFittedOnHistoryRows().accuracy()),
          Fmt.f4(r.srcc()), Fmt.f4(r.historyOnlySrcc()), Fmt.f4(r.historyOnlyObservedSrcc())));
    }
    return out;
  }

  /**
   * One model's accuracy on one group of {@link HistoryOnlyBaseline#groups}; NaN when the group
   * has no test rows.
   */
  static double groupAccuracy(AuthorHistorySplits.Result r, String file, String kind, String model) {
    for (Map<String, Object> g : r.groups()) {
      if (g.get("file").equals(file) && g.get("author_history").equals(kind)) {
        return accuracies(g).get(model);
      }
    }
    return Double.NaN;
  }

  /** Each split's groups of {@link HistoryOnlyBaseline#groups}: every model's accuracy. */
  static List<List<String>> groupRows(List<AuthorHistorySplits.Result> observed) {
    List<List<String>> out = new ArrayList<>();
    for (AuthorHistorySplits.Result r : observed) {
      for (Map<String, Object> g : r.groups()) {
        Map<String, Double> acc = accuracies(g);
        out.add(List.of(r.name(), (String) g.get("file"), (String) g.get("author_history"),
            g.get("test_rows").toString(), Fmt.f4((Double) g.get("viral_share")),
            Fmt.f4(acc.get("served")), Fmt.f4(acc.get("post_only")),
            Fmt.f4(acc.get("history_only")), Fmt.f4(acc.get("history_only_observed")),
            Fmt.f4(acc.get("earlier_post_rule")),
            Fmt.f4(acc.get("author_history_head_every_row"))));
      }
    }
    return out;
  }

  /** A group's accuracy per model, as {@link HistoryOnlyBaseline#groups} put it (each a Double). */
  @SuppressWarnings("unchecked")
  private static Map<String, Double> accuracies(Map<String, Object> group) {
    return (Map<String, Double>) group.get("accuracy");
  }
}
