package io.challengeradar.training.task;

import io.challengeradar.training.data.RowAccounting;
import io.challengeradar.training.data.TwitterHashtags;
import io.challengeradar.training.data.TwitterHashtags.Tweet;
import io.challengeradar.training.eval.Metrics;
import io.challengeradar.training.nn.Layer;
import io.challengeradar.training.nn.Objective;
import io.challengeradar.training.nn.TrainedHead;
import io.challengeradar.training.report.Fmt;
import io.challengeradar.training.text.Embedder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The #HowYouTagTweets benchmark as a ranking task: for each user, rank the most used hashtags of
 * the past (train + valid) and score the ranking against the hashtags the user used in test: MAP,
 * P@5, nDCG@5. The head learns from train-split representations with valid-split adoptions as
 * labels, so the test split is never seen before scoring. Baselines: global popularity, and the
 * user's own past frequency (ties by popularity).
 */
final class TwitterBenchmark {

  static final String DATA_SET = "twitter-hashtag-user-prefs-2013";
  static final int CANDIDATES = 300;
  static final int USER_TWEETS = 8;
  static final int TAG_TWEETS = 16;
  static final int K = 5;

  private TwitterBenchmark() {}

  static Map<String, Object> run(TaskContext ctx) throws Exception {
    var dir = ctx.dataSet(DATA_SET);
    Map<String, List<Tweet>> split = new LinkedHashMap<>();
    List<Object> accounting = new ArrayList<>();
    for (String s : TwitterHashtags.SPLITS) {
      RowAccounting acc = new RowAccounting(DATA_SET + "/" + s + ".csv");
      split.put(s, TwitterHashtags.read(dir, s, acc));
      accounting.add(acc.summary());
      ctx.log().println(acc);
    }
    List<Tweet> train = split.get("train");
    List<Tweet> history = new ArrayList<>(train);
    history.addAll(split.get("valid"));
    List<Tweet> test = split.get("test");

    List<String> trainCands = popular(train);
    List<String> cands = popular(history);
    Map<String, List<String>> userTrain = userTexts(train);
    Map<String, List<String>> userHist = userTexts(history);
    Map<String, List<String>> tagTrain = tagTexts(train, trainCands);
    Map<String, List<String>> tagHist = tagTexts(history, cands);

    Set<String> texts = new LinkedHashSet<>();
    for (Map<String, List<String>> m : List.of(userTrain, userHist, tagTrain, tagHist)) {
      m.values().forEach(texts::addAll);
    }
    Map<String, float[]> vectors;
    try (Embedder embedder = Embedder.open(ctx.store(), ctx.cacheDir())) {
      vectors = embedder.embed(new ArrayList<>(texts), "tweets");
    }

    // Training pairs: train-split representations, valid-split adoptions of train candidates.
    Random random = new Random(ctx.options().seed());
    Set<String> trainCandSet = new HashSet<>(trainCands);
    Map<String, Set<String>> adopted = tags(split.get("valid"));
    List<float[]> x = new ArrayList<>();
    List<Float> y = new ArrayList<>();
    for (String u : new java.util.TreeSet<>(adopted.keySet())) {
      if (!userTrain.containsKey(u)) {
        continue;
      }
      float[] uv = ParticipationTask.mean(userTrain.get(u), vectors);
      List<String> pos = new ArrayList<>();
      for (String t : adopted.get(u)) {
        if (trainCandSet.contains(t)) {
          pos.add(t);
        }
      }
      Collections.sort(pos);
      for (String t : pos) {
        x.add(RunSupport.concat(uv, ParticipationTask.mean(tagTrain.get(t), vectors)));
        y.add(1f);
        for (int k = 0; k < 4; k++) {
          String neg = trainCands.get(random.nextInt(trainCands.size()));
          if (!adopted.get(u).contains(neg)) {
            x.add(RunSupport.concat(uv, ParticipationTask.mean(tagTrain.get(neg), vectors)));
            y.add(0f);
          }
        }
      }
    }
    float[] ys = new float[y.size()];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = y.get(i);
    }
    TrainedHead head = RunSupport.train(ctx, "twitter hashtag head", ctx.options(),
        x.toArray(new float[0][]), ys, Objective.BINARY);

    // Test: rank the history's candidates for every user who used a hashtag in test.
    Map<String, Set<String>> relevant = tags(test);
    Map<String, Integer> pop = counts(history);
    Map<String, float[]> candVec = new HashMap<>();
    for (String t : cands) {
      candVec.put(t, ParticipationTask.mean(tagHist.get(t), vectors));
    }
    Map<String, Map<String, Integer>> userFreq = new HashMap<>();
    for (Tweet t : history) {
      for (String h : t.hashtags()) {
        userFreq.computeIfAbsent(t.user(), k -> new HashMap<>()).merge(h, 1, Integer::sum);
      }
    }
    double[] model = new double[3];
    double[] popularity = new double[3];
    double[] frequency = new double[3];
    int users = 0;
    PairScorer scorer = new PairScorer(head, cands, candVec);
    for (String u : new java.util.TreeSet<>(relevant.keySet())) {
      if (!userHist.containsKey(u)) {
        continue;
      }
      users++;
      Set<String> rel = relevant.get(u);
      float[] scores = scorer.scores(ParticipationTask.mean(userHist.get(u), vectors));
      List<String> byModel = new ArrayList<>(cands);
      Map<String, Float> s = new HashMap<>();
      for (int i = 0; i < cands.size(); i++) {
        s.put(cands.get(i), scores[i]);
      }
      byModel.sort(Comparator.comparing((String t) -> -s.get(t)).thenComparing(cands::indexOf));
      Map<String, Integer> f = userFreq.getOrDefault(u, Map.of());
      List<String> byFreq = new ArrayList<>(cands);
      byFreq.sort(Comparator.comparing((String t) -> -f.getOrDefault(t, 0)).thenComparing(cands::indexOf));
      add(model, byModel, rel);
      add(popularity, cands, rel);
      add(frequency, byFreq, rel);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", accounting);
    out.put("candidates", "the " + CANDIDATES + " most used hashtags of train + valid");
    out.put("training_pairs", ys.length);
    out.put("test_users", users);
    out.put("head", metrics(model, users));
    out.put("baseline_popularity", metrics(popularity, users));
    out.put("baseline_user_history_frequency", metrics(frequency, users));
    return out;
  }

  /** Scores one user against every candidate, computing each candidate's half of layer 1 once. */
  private static final class PairScorer {
    private final TrainedHead head;
    private final float[][] candPart;

    PairScorer(TrainedHead head, List<String> cands, Map<String, float[]> candVec) {
      this.head = head;
      Layer first = head.layers().get(0);
      int half = first.inputs() / 2;
      candPart = new float[cands.size()][first.outputs()];
      for (int c = 0; c < cands.size(); c++) {
        float[] v = candVec.get(cands.get(c));
        for (int o = 0; o < first.outputs(); o++) {
          double s = 0;
          for (int i = 0; i < half; i++) {
            s += first.weights()[o][half + i] * v[i];
          }
          candPart[c][o] = (float) s;
        }
      }
    }

    float[] scores(float[] user) {
      List<Layer> layers = head.layers();
      Layer first = layers.get(0);
      float[] userPart = new float[first.outputs()];
      for (int o = 0; o < first.outputs(); o++) {
        double s = first.bias()[o];
        for (int i = 0; i < user.length; i++) {
          s += first.weights()[o][i] * user[i];
        }
        userPart[o] = (float) s;
      }
      float[] out = new float[candPart.length];
      for (int c = 0; c < candPart.length; c++) {
        float[] h = new float[first.outputs()];
        for (int o = 0; o < h.length; o++) {
          h[o] = first.activation().equals("relu")
              ? Math.max(0, userPart[o] + candPart[c][o]) : userPart[o] + candPart[c][o];
        }
        float[] z = h;
        for (int l = 1; l < layers.size(); l++) {
          Layer layer = layers.get(l);
          float[] next = new float[layer.outputs()];
          for (int o = 0; o < next.length; o++) {
            double s = layer.bias()[o];
            for (int i = 0; i < z.length; i++) {
              s += layer.weights()[o][i] * z[i];
            }
            next[o] = (float) s; // monotone output activations do not change the ranking
          }
          z = next;
        }
        out[c] = z[0];
      }
      return out;
    }
  }

  private static void add(double[] acc, List<String> ranked, Set<String> rel) {
    acc[0] += Metrics.averagePrecision(ranked, rel);
    acc[1] += Metrics.precisionAt(K, ranked, rel);
    acc[2] += Metrics.ndcgAt(K, ranked, rel);
  }

  private static Map<String, Object> metrics(double[] sums, int users) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("map", Fmt.r4(sums[0] / Math.max(1, users)));
    m.put("p_at_5", Fmt.r4(sums[1] / Math.max(1, users)));
    m.put("ndcg_at_5", Fmt.r4(sums[2] / Math.max(1, users)));
    return m;
  }

  private static Map<String, Integer> counts(List<Tweet> tweets) {
    Map<String, Integer> c = new HashMap<>();
    for (Tweet t : tweets) {
      for (String h : t.hashtags()) {
        c.merge(h, 1, Integer::sum);
      }
    }
    return c;
  }

  private static List<String> popular(List<Tweet> tweets) {
    Map<String, Integer> c = counts(tweets);
    List<String> tags = new ArrayList<>(c.keySet());
    tags.sort(Comparator.comparing((String t) -> -c.get(t)).thenComparing(t -> t));
    return List.copyOf(tags.subList(0, Math.min(CANDIDATES, tags.size())));
  }

  private static Map<String, Set<String>> tags(List<Tweet> tweets) {
    Map<String, Set<String>> m = new HashMap<>();
    for (Tweet t : tweets) {
      m.computeIfAbsent(t.user(), k -> new HashSet<>()).addAll(t.hashtags());
    }
    return m;
  }

  /** Each user's last {@link #USER_TWEETS} tweets. */
  private static Map<String, List<String>> userTexts(List<Tweet> tweets) {
    Map<String, List<String>> all = new HashMap<>();
    for (Tweet t : tweets) {
      all.computeIfAbsent(t.user(), k -> new ArrayList<>()).add(t.text());
    }
    Map<String, List<String>> out = new HashMap<>();
    all.forEach((u, l) -> out.put(u, List.copyOf(l.subList(Math.max(0, l.size() - USER_TWEETS), l.size()))));
    return out;
  }

  /** Each candidate's last {@link #TAG_TWEETS} tweets. */
  private static Map<String, List<String>> tagTexts(List<Tweet> tweets, List<String> cands) {
    Set<String> wanted = new HashSet<>(cands);
    Map<String, List<String>> all = new HashMap<>();
    for (Tweet t : tweets) {
      for (String h : t.hashtags()) {
        if (wanted.contains(h)) {
          all.computeIfAbsent(h, k -> new ArrayList<>()).add(t.text());
        }
      }
    }
    Map<String, List<String>> out = new HashMap<>();
    all.forEach((h, l) -> out.put(h, List.copyOf(l.subList(Math.max(0, l.size() - TAG_TWEETS), l.size()))));
    return out;
  }
}
