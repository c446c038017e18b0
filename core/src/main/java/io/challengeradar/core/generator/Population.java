package io.challengeradar.core.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * The authors of a stream and how to draw them. Followers and activity are lognormal, so a few
 * authors have most of the audience and post most often; each author has one to three topics of
 * interest, drawn by topic popularity. Immutable once built.
 */
final class Population {
  /** Median followers about 800; sigma 2.1 puts the top 1% above 100k and the largest near 10M. */
  private static final double FOLLOWERS_LOG_MEDIAN = StrictMath.log(800);
  private static final double FOLLOWERS_LOG_SIGMA = 2.1;
  private static final long MAX_FOLLOWERS = 80_000_000L;
  private static final double ACTIVITY_LOG_SIGMA = 1.2;

  private final String[] ids;
  private final String[] handles;
  private final long[] followers;
  private final Vocabulary.Locale[] locales;
  /** interests[a] = topic indices of author a, most important first. */
  private final int[][] interests;
  private final WeightedSampler byActivity;
  /** byTopic[t] = the authors interested in topic t, drawn by activity; null when there are none. */
  private final WeightedSampler[] byTopic;
  private final WeightedSampler topics;

  Population(long seed, int size) {
    Rng rng = Rng.of(seed, Rng.AUTHORS, 0);
    ids = new String[size];
    handles = new String[size];
    followers = new long[size];
    locales = new Vocabulary.Locale[size];
    interests = new int[size][];
    double[] activity = new double[size];
    topics = WeightedSampler.ofWeights(
        Vocabulary.TOPICS.stream().mapToDouble(Vocabulary.Topic::popularity).toArray());
    WeightedSampler localeSampler = WeightedSampler.ofWeights(
        Vocabulary.LOCALES.stream().mapToDouble(Vocabulary.Locale::share).toArray());
    int width = Math.max(6, Integer.toString(size).length());
    for (int a = 0; a < size; a++) {
      ids[a] = "u" + pad(a + 1, width);
      handles[a] = rng.pick(Vocabulary.HANDLE_WORDS_A) + (rng.chance(0.5) ? "." : "_")
          + rng.pick(Vocabulary.HANDLE_WORDS_B) + (a + 1);
      followers[a] = Math.min(MAX_FOLLOWERS,
          Math.round(rng.lognormal(FOLLOWERS_LOG_MEDIAN, FOLLOWERS_LOG_SIGMA)));
      locales[a] = Vocabulary.LOCALES.get(localeSampler.sample(rng));
      interests[a] = drawInterests(rng);
      activity[a] = rng.lognormal(0, ACTIVITY_LOG_SIGMA);
    }
    byActivity = WeightedSampler.ofWeights(activity);
    byTopic = new WeightedSampler[Vocabulary.TOPICS.size()];
    for (int t = 0; t < byTopic.length; t++) {
      List<Integer> members = new ArrayList<>();
      for (int a = 0; a < size; a++) {
        if (isInterested(a, t)) {
          members.add(a);
        }
      }
      if (!members.isEmpty()) {
        int[] items = members.stream().mapToInt(Integer::intValue).toArray();
        double[] weights = new double[items.length];
        for (int i = 0; i < items.length; i++) {
          weights[i] = activity[items[i]];
        }
        byTopic[t] = new WeightedSampler(items, weights);
      }
    }
  }

  private int[] drawInterests(Rng rng) {
    double roll = rng.nextDouble();
    int count = roll < 0.4 ? 1 : roll < 0.8 ? 2 : 3;
    int[] chosen = new int[count];
    int n = 0;
    while (n < count) {
      int t = topics.sample(rng);
      boolean seen = false;
      for (int i = 0; i < n; i++) {
        seen |= chosen[i] == t;
      }
      if (!seen) {
        chosen[n++] = t;
      }
    }
    return chosen;
  }

  static String pad(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  int size() {
    return ids.length;
  }

  String id(int author) {
    return ids[author];
  }

  String handle(int author) {
    return handles[author];
  }

  long followers(int author) {
    return followers[author];
  }

  Vocabulary.Locale locale(int author) {
    return locales[author];
  }

  boolean isInterested(int author, int topic) {
    for (int t : interests[author]) {
      if (t == topic) {
        return true;
      }
    }
    return false;
  }

  /** An author drawn by activity: the few very active authors write most posts. */
  int anyAuthor(Rng rng) {
    return byActivity.sample(rng);
  }

  /** An author interested in the topic, by activity; any author when nobody is interested. */
  int interestedAuthor(Rng rng, int topic) {
    WeightedSampler s = byTopic[topic];
    return s == null ? byActivity.sample(rng) : s.sample(rng);
  }

  /** The topic of an ordinary post: mostly one of the author's interests (the first most often). */
  int postTopic(Rng rng, int author) {
    int[] own = interests[author];
    if (rng.chance(0.12)) {
      return topics.sample(rng);
    }
    return own.length == 1 || rng.chance(0.55) ? own[0] : own[1 + rng.nextInt(own.length - 1)];
  }

  /** A topic by popularity: what challenges are about. */
  int popularTopic(Rng rng) {
    return topics.sample(rng);
  }

  Scenario.Author truth(int author) {
    List<String> names = new ArrayList<>(interests[author].length);
    for (int t : interests[author]) {
      names.add(Vocabulary.TOPICS.get(t).name());
    }
    return new Scenario.Author(ids[author], handles[author], followers[author],
        locales[author].language(), locales[author].region(), names);
  }
}
