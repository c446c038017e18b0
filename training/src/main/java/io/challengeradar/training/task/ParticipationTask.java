package io.challengeradar.training.task;

import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.training.data.DataresHistories;
import io.challengeradar.training.data.ParticipationBuilder;
import io.challengeradar.training.data.RowAccounting;
import io.challengeradar.training.data.Splits;
import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.eval.MulticlassScores;
import io.challengeradar.training.eval.Thresholds;
import io.challengeradar.training.nn.Objective;
import io.challengeradar.training.nn.ProxyObjective;
import io.challengeradar.training.nn.ProxyOptions;
import io.challengeradar.training.nn.ProxyTrainer;
import io.challengeradar.training.nn.TrainedHead;
import io.challengeradar.training.nn.TrainingOptions;
import io.challengeradar.training.report.Charts;
import io.challengeradar.training.report.Fmt;
import io.challengeradar.training.report.RunReport;
import io.challengeradar.training.store.HeadRegistrar;
import io.challengeradar.training.text.Embedder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * User-challenge participation (deepChallenger, seed 002) on the DataRes creator histories:
 * MiniLM video vectors pooled into user and challenge representations, a feed-forward head on
 * their concatenation. The paper's protocol (three seeded stratified 80/20 runs, macro P/R/F1)
 * against two baselines on the same folds, then a split by time.
 *
 * <p>Baselines: "user history only" (the same head on the user representation and the
 * challenge's identity, one-hot, without any challenge content: the paper's baselines use only the
 * user's videos) and "text similarity only" (cosine of the two representations, thresholded on the
 * training rows, no learning).
 *
 * <p>With the proxy stage on, each split also trains deepChallenger's proxy tasks ({@link
 * ProxyStage}: video to challenge, video to user) on its training pairs' videos, pools the
 * projected video vectors instead of the frozen ones and trains the same head on them, so both
 * heads are compared on the same pairs. The served head stays the frozen-vector one: the pipeline
 * sends mean MiniLM vectors, and the projection is not part of the serving tier.
 *
 * <p>Over 300 lines: one experiment's protocol, read top to bottom in {@link #run} with its
 * report, and helpers that serve only it.
 */
public final class ParticipationTask implements TrainingTask {

  public static final String NAME = "participation";
  public static final String DATA_SET = "tiktok-datares-users-sounds-2020";
  public static final int FOLDS = 3;
  public static final double TEST_SHARE = 0.2;

  private final boolean proxy;

  /** @param proxy whether to train the proxy stage and its head beside the frozen-vector head */
  public ParticipationTask(boolean proxy) {
    this.proxy = proxy;
  }

  /**
   * The head's declared input ({@code input.*} in its model.properties, see HeadInputs): the
   * user's vector, then the challenge's, with no extra features.
   */
  public static Map<String, String> headInputs() {
    return Map.of("input.encoder", Embedder.ENCODER_NAME, "input.layout", "pair");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** A head trained on one split, its threshold (chosen on its validation share) and its test scores. */
  private record Scored(TrainedHead head, double threshold, Confusion test) {}

  /** The proxy stage of one split and the head trained on its pooled projected vectors. */
  private record ProxyFold(ProxyStage.Result stage, Scored head) {}

  /** Scores of every model on one split; {@code proxy} is null when the proxy stage is off. */
  private record Fold(Scored model, Scored userOnly, Confusion similarity, ProxyFold proxy) {}

  /** One side of a split: the pairs, their frozen-vector rows and the indices taken. */
  private record Side(ParticipationBuilder.Dataset data, Rows rows, int[] idx) {}

  @Override
  public TaskResult run(TaskContext ctx) throws Exception {
    TrainingOptions options = ctx.options();
    RowAccounting rows = new RowAccounting(DATA_SET + "/" + DataresHistories.DIR);
    var videos = DataresHistories.read(ctx.dataSet(DATA_SET), rows);
    ctx.log().println(rows);
    ParticipationBuilder builder =
        new ParticipationBuilder(videos, ParticipationBuilder.Options.defaults(options.seed()));
    ParticipationBuilder.Dataset all = builder.all();
    ParticipationBuilder.TimeSplit byTime = builder.byTime(TEST_SHARE);
    ctx.log().printf("participation: %d challenges, %d pairs (%d joined); time split %d/%d pairs%n",
        all.challenges().size(), all.pairs().size(), all.positives(),
        byTime.train().pairs().size(), byTime.test().pairs().size());

    Set<String> texts = new LinkedHashSet<>();
    for (ParticipationBuilder.Dataset d : List.of(all, byTime.train(), byTime.test())) {
      for (ParticipationBuilder.Pair p : d.pairs()) {
        texts.addAll(p.userTexts());
        texts.addAll(p.challengeTexts());
      }
    }
    Map<String, float[]> vectors;
    try (Embedder embedder = Embedder.open(ctx.store(), ctx.cacheDir())) {
      vectors = embedder.embed(new ArrayList<>(texts), "video texts");
    }

    // The paper's protocol: three seeded, stratified 80/20 runs over the pairs.
    Rows allRows = rows(all, vectors);
    List<Fold> folds = new ArrayList<>();
    for (int f = 0; f < FOLDS; f++) {
      Splits.Split s = Splits.stratified(allRows.labels(), TEST_SHARE, options.seed() + f);
      folds.add(fold(ctx, "fold " + (f + 1), new Side(all, allRows, s.train()), new Side(all, allRows, s.test()),
          vectors));
    }
    Rows trainT = rows(byTime.train(), vectors);
    Rows testT = rows(byTime.test(), vectors);
    Fold time = fold(ctx, "time split", new Side(byTime.train(), trainT, all(trainT)),
        new Side(byTime.test(), testT, all(testT)), vectors);

    Map<String, Object> twitter = null;
    if (java.nio.file.Files.isDirectory(ctx.dataDir().resolve(TwitterBenchmark.DATA_SET))) {
      twitter = TwitterBenchmark.run(ctx);
    }

    double f1 = mean(folds, c -> c.model().test().macroF1());
    double p = mean(folds, c -> c.model().test().macroPrecision());
    double r = mean(folds, c -> c.model().test().macroRecall());
    double baseF1 = mean(folds, c -> c.userOnly().test().macroF1());
    Path dir = RunSupport.runDir(ctx, NAME);
    RunReport report = new RunReport(NAME, ctx.command());
    report.headline("macro_f1", Fmt.r4(f1));
    report.headline("macro_precision", Fmt.r4(p));
    report.headline("macro_recall", Fmt.r4(r));
    report.headline("baseline_macro_f1", Fmt.r4(baseF1));
    report.headline("time_split_macro_f1", Fmt.r4(time.model().test().macroF1()));
    report.headline("time_split_baseline_macro_f1", Fmt.r4(time.userOnly().test().macroF1()));
    if (proxy) {
      report.headline("proxy_macro_f1", Fmt.r4(mean(folds, c -> c.proxy().head().test().macroF1())));
      report.headline("time_split_proxy_macro_f1", Fmt.r4(time.proxy().head().test().macroF1()));
    }
    report.put("data", rows.summary());
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("challenges", all.participants());
    ds.put("pairs", all.pairs().size());
    ds.put("joined", all.positives());
    ds.put("most_used_keys_including_generic", builder.topKeys(25));
    ds.put("time_split_cutoff", Instant.ofEpochSecond(byTime.cutoff()).toString());
    ds.put("time_split_challenges", byTime.train().participants());
    ds.put("time_split_train_pairs", byTime.train().pairs().size());
    ds.put("time_split_train_joined", byTime.train().positives());
    ds.put("time_split_test_pairs", byTime.test().pairs().size());
    ds.put("time_split_test_joined", byTime.test().positives());
    report.put("dataset", ds);
    List<Object> foldJson = new ArrayList<>();
    List<List<String>> table = new ArrayList<>();
    for (int i = 0; i < folds.size(); i++) {
      Fold fo = folds.get(i);
      foldJson.add(foldJson(fo));
      table.add(row("fold " + (i + 1), fo));
    }
    report.put("folds", foldJson);
    report.put("time_split", foldJson(time));
    report.put("training", RunSupport.trainingSummary(folds.get(0).model().head(), options));
    report.put("target", Map.of("macro_f1", 0.494, "source", "seed 002 deepChallenger"));
    List<String> meanRow = new ArrayList<>(List.of("**mean of folds**", Fmt.f4(f1)));
    if (proxy) {
      meanRow.add(Fmt.f4(mean(folds, c -> c.proxy().head().test().macroF1())));
    }
    meanRow.addAll(List.of(Fmt.f4(baseF1), Fmt.f4(mean(folds, c -> c.similarity().macroF1())), Fmt.f4(p), Fmt.f4(r)));
    table.add(meanRow);
    table.add(row("time split", time));

    report.section("Data");
    report.text(rows + ". " + all.challenges().size() + " challenges (hashtags and sounds with at least "
        + ParticipationBuilder.Options.defaults(0).minParticipants() + " distinct users, generic ones excluded), "
        + all.pairs().size() + " pairs, " + all.positives() + " joined, "
        + ParticipationBuilder.Options.DEFAULT_NEGATIVES_PER_POSITIVE + " sampled non-joiners per joiner."
        + " A video's text is its hashtags and sound title (the files have no captions).");
    report.text("Time split: cutoff " + Instant.ofEpochSecond(byTime.cutoff()) + "; representations use only"
        + " videos before it; " + byTime.train().pairs().size() + " training pairs, "
        + byTime.test().pairs().size() + " test pairs (" + byTime.test().positives() + " first joins after the cutoff).");
    report.section("Results (macro averages over joined / not joined)");
    List<String> header = new ArrayList<>(List.of("run", "frozen-vector head macro F1"));
    if (proxy) {
      header.add("proxy-stage head macro F1");
    }
    header.addAll(List.of("user-history-only macro F1", "text-similarity-only macro F1", "frozen head macro P",
        "frozen head macro R"));
    report.table(header, table);
    report.text("Target: macro F1 >= 0.494 (deepChallenger) with the paper's protocol: measured " + Fmt.f4(f1)
        + (f1 >= 0.494 ? " (met)" : " (missed by " + Fmt.f4(0.494 - f1) + ")")
        + "; time split: head " + Fmt.f4(time.model().test().macroF1()) + " vs user-history baseline "
        + Fmt.f4(time.userOnly().test().macroF1())
        + (time.model().test().macroF1() > time.userOnly().test().macroF1() ? " (above)." : " (not above)."));
    if (proxy) {
      proxySection(report, folds, time, ProxyOptions.from(options));
    } else {
      report.text("Proxy stage off: the frozen MiniLM vectors are pooled directly.");
    }
    if (twitter != null) {
      report.put("twitter_benchmark", twitter);
      report.section("Twitter benchmark (" + TwitterBenchmark.DATA_SET + ", test split)");
      report.text("For each of " + twitter.get("test_users") + " users, " + twitter.get("candidates")
          + " are ranked; relevant = the hashtags the user used in the test split (hashtags outside the"
          + " candidates count as misses for every method). The head trains on train-split representations"
          + " with valid-split adoptions as labels (" + twitter.get("training_pairs") + " pairs).");
      List<List<String>> rank = new ArrayList<>();
      for (String k : List.of("head", "baseline_popularity", "baseline_user_history_frequency")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) twitter.get(k);
        rank.add(List.of(k, String.valueOf(m.get("map")), String.valueOf(m.get("p_at_5")),
            String.valueOf(m.get("ndcg_at_5"))));
      }
      report.table(List.of("ranker", "MAP", "P@5", "nDCG@5"), rank);
    } else {
      report.text("Twitter benchmark skipped: " + TwitterBenchmark.DATA_SET + " is not in " + ctx.dataDir() + ".");
    }
    TrainedHead first = folds.get(0).model().head();
    Charts.learningCurve("participation head (fold 1): learning curve", first.history(),
        "accuracy", first.bestEpoch(), dir.resolve("learning-curve.png"));
    Charts.confusion("participation head: fold 1 test part", folds.get(0).model().test(), "not joined", "joined",
        dir.resolve("confusion.png"));
    Charts.confusion("participation head: time split test part", time.model().test(), "not joined", "joined",
        dir.resolve("confusion-time-split.png"));
    report.figure("learning curve", "learning-curve.png");
    report.figure("confusion matrix (fold 1)", "confusion.png");
    report.figure("confusion matrix (time split)", "confusion-time-split.png");
    if (proxy) {
      ProxyFold pf = folds.get(0).proxy();
      Charts.learningCurve("proxy tasks (fold 1): video to challenge + video to user",
          pf.stage().projection().history(), "mean accuracy", pf.stage().projection().bestEpoch(),
          dir.resolve("proxy-learning-curve.png"));
      Charts.learningCurve("proxy-stage participation head (fold 1): learning curve", pf.head().head().history(),
          "accuracy", pf.head().head().bestEpoch(), dir.resolve("proxy-head-learning-curve.png"));
      report.figure("proxy tasks learning curve (fold 1)", "proxy-learning-curve.png");
      report.figure("proxy-stage head learning curve (fold 1)", "proxy-head-learning-curve.png");
    }
    report.write(dir);

    Map<String, String> props = new LinkedHashMap<>();
    props.put("task", NAME);
    props.putAll(headInputs());
    props.put("output", "probability that the user joins the challenge");
    props.put("threshold", Double.toString(time.model().threshold()));
    props.put("trained.on", "time split training pairs (before " + Instant.ofEpochSecond(byTime.cutoff()) + ")");
    Path modelDir = new HeadRegistrar(ctx.store())
        .register(NAME, ModelKind.PARTICIPATION_HEAD, time.model().head(), props, dir);
    ctx.log().println("participation: " + report.headlineLine() + "; report " + dir + "; model " + modelDir);
    return new TaskResult(NAME, report.headline(), dir, modelDir);
  }

  private static void proxySection(RunReport report, List<Fold> folds, Fold time, ProxyOptions po) {
    report.section("Proxy stage (deepChallenger's proxy tasks)");
    report.text("Per split, a projection (" + folds.get(0).proxy().stage().projection().layer().inputs() + " -> "
        + folds.get(0).proxy().stage().projection().dimension() + ", " + ProxyTrainer.ACTIVATION
        + ") is trained with two softmax objectives on the videos of that split's training pairs only: "
        + ProxyStage.CHALLENGE + " (among the training challenges) and " + ProxyStage.USER
        + " (among the training users). The projected video vectors are pooled (mean) into user and challenge"
        + " representations and the same head is trained on them; the served head stays the frozen-vector one."
        + " Proxy scores below are on the " + Math.round(po.validationShare() * 100)
        + "% of each objective's examples held out from those training videos (also used for early stopping).");
    List<List<String>> rows = new ArrayList<>();
    List<Fold> all = new ArrayList<>(folds);
    all.add(time);
    for (int i = 0; i < all.size(); i++) {
      ProxyFold pf = all.get(i).proxy();
      String name = i < folds.size() ? "fold " + (i + 1) : "time split";
      for (ProxyObjective o : pf.stage().objectives()) {
        MulticlassScores sc = pf.stage().projection().validation().get(o.name());
        rows.add(List.of(name, o.name(), Integer.toString(o.size()), Integer.toString(o.classes()),
            Fmt.f4(sc.accuracy()), Fmt.f4(sc.macroPrecision()), Fmt.f4(sc.macroRecall()), Fmt.f4(sc.macroF1()),
            pf.stage().projection().bestEpoch() + "/" + pf.stage().projection().history().size(),
            String.format(java.util.Locale.ROOT, "%.1f", pf.stage().seconds())));
      }
    }
    report.table(List.of("split", "proxy task", "examples", "classes", "held-out accuracy", "macro P", "macro R",
        "macro F1", "kept epoch / run", "seconds"), rows);
  }

  /** Model inputs of a pair set: [user, challenge], the user-only baseline's inputs, labels. */
  record Rows(float[][] pair, float[][] userOnly, float[] cosine, float[] y, boolean[] labels) {}

  static Rows rows(ParticipationBuilder.Dataset d, Map<String, float[]> vectors) {
    int n = d.pairs().size();
    List<String> challenges = d.challenges();
    float[][] pair = new float[n][];
    float[][] userOnly = new float[n][];
    float[] cosine = new float[n];
    float[] y = new float[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      ParticipationBuilder.Pair p = d.pairs().get(i);
      float[] u = mean(p.userTexts(), vectors);
      float[] c = mean(p.challengeTexts(), vectors);
      pair[i] = RunSupport.concat(u, c);
      float[] oneHot = new float[challenges.size()];
      oneHot[challenges.indexOf(p.challenge())] = 1;
      userOnly[i] = RunSupport.concat(u, oneHot);
      cosine[i] = dot(u, c) / (float) Math.max(1e-9, Math.sqrt(dot(u, u) * dot(c, c)));
      y[i] = p.joined() ? 1 : 0;
      labels[i] = p.joined();
    }
    return new Rows(pair, userOnly, cosine, y, labels);
  }

  private Fold fold(TaskContext ctx, String label, Side train, Side test, Map<String, float[]> vectors) {
    TrainingOptions options = ctx.options();
    float[] trainY = RunSupport.pick(train.rows().y(), train.idx());
    float[] testY = RunSupport.pick(test.rows().y(), test.idx());
    Scored model = scored(ctx, "participation " + label + " head", train, test, Rows::pair);
    Scored userOnly = scored(ctx, "participation " + label + " user-history baseline", train, test, Rows::userOnly);
    // Cosine lies in [-1, 1]: map to [0, 1] so the same threshold grid applies; chosen on training rows.
    float[] trainCos = unit(RunSupport.pick(train.rows().cosine(), train.idx()));
    double tc = Thresholds.best(trainCos, trainY, Confusion::macroF1);
    Confusion similarity = Confusion.of(unit(RunSupport.pick(test.rows().cosine(), test.idx())), testY, tc);
    ProxyFold proxyFold = null;
    if (proxy) {
      List<ParticipationBuilder.Pair> trainingPairs = new ArrayList<>();
      for (int i : train.idx()) {
        trainingPairs.add(train.data().pairs().get(i));
      }
      ProxyStage.Result stage =
          ProxyStage.run(ctx, "participation " + label, ProxyOptions.from(options), trainingPairs, vectors);
      Rows projectedTrain = rows(train.data(), stage.projected());
      Rows projectedTest = test.data() == train.data() ? projectedTrain : rows(test.data(), stage.projected());
      Scored head = scored(ctx, "participation " + label + " proxy-stage head",
          new Side(train.data(), projectedTrain, train.idx()), new Side(test.data(), projectedTest, test.idx()),
          Rows::pair);
      proxyFold = new ProxyFold(stage, head);
    }
    return new Fold(model, userOnly, similarity, proxyFold);
  }

  /** Trains a head on the training side's inputs, picks its threshold on its validation share, scores the test side. */
  private static Scored scored(TaskContext ctx, String label, Side train, Side test,
      java.util.function.Function<Rows, float[][]> inputs) {
    TrainedHead head = RunSupport.train(ctx, label, ctx.options(),
        RunSupport.pick(inputs.apply(train.rows()), train.idx()), RunSupport.pick(train.rows().y(), train.idx()),
        Objective.BINARY);
    double t = Thresholds.best(head.validationScores(), head.validationTargets(), Confusion::macroF1);
    Confusion c = Confusion.of(head.scores(RunSupport.pick(inputs.apply(test.rows()), test.idx())),
        RunSupport.pick(test.rows().y(), test.idx()), t);
    return new Scored(head, t, c);
  }

  private static float[] unit(float[] cos) {
    float[] out = new float[cos.length];
    for (int i = 0; i < cos.length; i++) {
      out[i] = (cos[i] + 1) / 2;
    }
    return out;
  }

  private Map<String, Object> foldJson(Fold f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("head", RunSupport.binaryMetrics(f.model().test(), f.model().threshold()));
    if (f.proxy() != null) {
      Map<String, Object> px = new LinkedHashMap<>(RunSupport.binaryMetrics(f.proxy().head().test(),
          f.proxy().head().threshold()));
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("dimension", f.proxy().stage().projection().dimension());
      stage.put("activation", ProxyTrainer.ACTIVATION);
      stage.put("epochs_run", f.proxy().stage().projection().history().size());
      stage.put("best_epoch", f.proxy().stage().projection().bestEpoch());
      stage.put("seconds", Fmt.r4(f.proxy().stage().seconds()));
      for (ProxyObjective o : f.proxy().stage().objectives()) {
        MulticlassScores sc = f.proxy().stage().projection().validation().get(o.name());
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("examples", o.size());
        om.put("classes", o.classes());
        om.put("held_out_accuracy", Fmt.r4(sc.accuracy()));
        om.put("held_out_macro_precision", Fmt.r4(sc.macroPrecision()));
        om.put("held_out_macro_recall", Fmt.r4(sc.macroRecall()));
        om.put("held_out_macro_f1", Fmt.r4(sc.macroF1()));
        stage.put(o.name(), om);
      }
      px.put("proxy_stage", stage);
      px.put("head_epochs_run", f.proxy().head().head().history().size());
      px.put("head_best_epoch", f.proxy().head().head().bestEpoch());
      m.put("proxy_stage_head", px);
    }
    m.put("baseline_user_history_only", RunSupport.binaryMetrics(f.userOnly().test(), Double.NaN));
    m.put("baseline_text_similarity_only", RunSupport.binaryMetrics(f.similarity(), Double.NaN));
    return m;
  }

  private List<String> row(String name, Fold f) {
    List<String> r = new ArrayList<>(List.of(name, Fmt.f4(f.model().test().macroF1())));
    if (proxy) {
      r.add(Fmt.f4(f.proxy().head().test().macroF1()));
    }
    r.addAll(List.of(Fmt.f4(f.userOnly().test().macroF1()), Fmt.f4(f.similarity().macroF1()),
        Fmt.f4(f.model().test().macroPrecision()), Fmt.f4(f.model().test().macroRecall())));
    return r;
  }

  private static double mean(List<Fold> folds, java.util.function.ToDoubleFunction<Fold> f) {
    return folds.stream().mapToDouble(f).average().orElse(0);
  }

  private static int[] all(Rows r) {
    int[] idx = new int[r.y().length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    return idx;
  }

  static float[] mean(List<String> texts, Map<String, float[]> vectors) {
    float[] m = null;
    for (String t : texts) {
      float[] v = vectors.get(t);
      if (m == null) {
        m = new float[v.length];
      }
      for (int i = 0; i < v.length; i++) {
        m[i] += v[i] / texts.size();
      }
    }
    return m;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
