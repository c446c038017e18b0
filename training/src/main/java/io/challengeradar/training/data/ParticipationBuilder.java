package io.challengeradar.training.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * Turns creator histories into deepChallenger's task: (user, challenge) pairs labelled joined or
 * not, each with the texts its representations are pooled from.
 *
 * <ul>
 *   <li>Challenges: hashtags and sounds with enough distinct users, minus generic ones ({@link
 *       ChallengeRule}).
 *   <li>A user is represented by their latest {@code userVideos} videos outside the challenge
 *       (deepChallenger excludes the challenge's videos from the user side), a challenge by its
 *       latest {@code challengeVideos} videos.
 *   <li>Positives: every user who joined, with at least one video outside it. Negatives: {@code
 *       negativesPerPositive} users per positive drawn from those who did not join, by a seeded
 *       {@link Random}, so the same options give the same pairs.
 * </ul>
 */
public final class ParticipationBuilder {

  /**
   * @param minParticipants distinct users a hashtag or sound needs to be a challenge
   * @param userVideos most videos pooled for a user (deepChallenger: the latest 8)
   * @param challengeVideos most videos pooled for a challenge
   * @param negativesPerPositive sampled non-joiners per joiner
   */
  public record Options(
      int minParticipants, int userVideos, int challengeVideos, int negativesPerPositive, long seed) {

    public static final int DEFAULT_USER_VIDEOS = 8;
    public static final int DEFAULT_CHALLENGE_VIDEOS = 32;
    public static final int DEFAULT_NEGATIVES_PER_POSITIVE = 4;

    public Options {
      if (minParticipants < 2) {
        throw new IllegalArgumentException("minParticipants must be at least 2, was " + minParticipants);
      }
      if (userVideos < 1 || challengeVideos < 1) {
        throw new IllegalArgumentException("userVideos and challengeVideos must be at least 1");
      }
      if (negativesPerPositive < 1) {
        throw new IllegalArgumentException(
            "negativesPerPositive must be at least 1, was " + negativesPerPositive);
      }
    }

    public static Options defaults(long seed) {
      return new Options(ChallengeRule.DEFAULT_MIN_PARTICIPANTS, DEFAULT_USER_VIDEOS,
          DEFAULT_CHALLENGE_VIDEOS, DEFAULT_NEGATIVES_PER_POSITIVE, seed);
    }
  }

  /** One labelled pair and the texts behind its two representations (newest first). */
  public record Pair(
      String user, String challenge, boolean joined, List<String> userTexts, List<String> challengeTexts) {}

  /** Pairs and the challenges they cover. */
  public record Dataset(List<String> challenges, Map<String, Integer> participants, List<Pair> pairs) {

    public long positives() {
      return pairs.stream().filter(Pair::joined).count();
    }
  }

  /** A split by time: training pairs as of {@code cutoff}, test pairs for joins after it. */
  public record TimeSplit(long cutoff, Dataset train, Dataset test) {}

  private final Options options;
  private final Map<String, List<CreatorVideo>> byUser = new TreeMap<>();
  /** challenge -> user -> time of the user's first video in it. */
  private final Map<String, Map<String, Long>> firstJoin = new TreeMap<>();

  public ParticipationBuilder(List<CreatorVideo> videos, Options options) {
    this.options = options;
    for (CreatorVideo v : videos) {
      byUser.computeIfAbsent(v.user(), u -> new ArrayList<>()).add(v);
      for (String c : new TreeSet<>(v.challenges())) {
        firstJoin.computeIfAbsent(c, k -> new TreeMap<>()).merge(v.user(), v.time(), Math::min);
      }
    }
    // Newest first, ties by id, so "latest N" is well defined.
    byUser.values().forEach(l -> l.sort(
        Comparator.comparingLong(CreatorVideo::time).reversed().thenComparing(CreatorVideo::id)));
  }

  /** deepChallenger's setting: all of each history is known; pairs for an 80/20 protocol. */
  public Dataset all() {
    List<String> challenges = challenges(t -> true, options.minParticipants());
    Random random = new Random(options.seed());
    List<Pair> pairs = new ArrayList<>();
    for (String c : challenges) {
      List<String> cTexts = challengeTexts(c, Long.MAX_VALUE);
      Set<String> joined = firstJoin.get(c).keySet();
      List<Pair> pos = new ArrayList<>();
      for (String u : joined) {
        List<String> uTexts = userTexts(u, c, Long.MAX_VALUE);
        if (!uTexts.isEmpty()) {
          pos.add(new Pair(u, c, true, uTexts, cTexts));
        }
      }
      pairs.addAll(pos);
      pairs.addAll(negatives(c, cTexts, pos.size(), u -> !joined.contains(u), Long.MAX_VALUE, random, Set.of()));
    }
    return new Dataset(challenges, participantCounts(challenges, Long.MAX_VALUE), pairs);
  }

  /**
   * The production setting: only what was posted before the cutoff is known. The cutoff is the
   * time by which {@code 1 - testShare} of all first joins had happened; challenges qualify on
   * their participants before it; test positives are users who first joined after it.
   */
  public TimeSplit byTime(double testShare) {
    long[] joins =
        firstJoin.entrySet().stream()
            .filter(e -> !ChallengeRule.generic(e.getKey()))
            .flatMap(e -> e.getValue().values().stream())
            .mapToLong(Long::longValue)
            .sorted()
            .toArray();
    if (joins.length == 0) {
      throw new IllegalArgumentException("no challenge joins in the histories");
    }
    long cutoff = joins[(int) Math.min(joins.length - 1, Math.round(joins.length * (1 - testShare)))];
    List<String> challenges = challenges(t -> t < cutoff, Math.max(2, options.minParticipants() / 2));
    Random random = new Random(options.seed());
    List<Pair> train = new ArrayList<>();
    List<Pair> test = new ArrayList<>();
    for (String c : challenges) {
      List<String> cTexts = challengeTexts(c, cutoff);
      Map<String, Long> joins0 = firstJoin.get(c);
      List<Pair> trainPos = new ArrayList<>();
      List<Pair> testPos = new ArrayList<>();
      Set<String> later = new HashSet<>();
      for (Map.Entry<String, Long> j : joins0.entrySet()) {
        List<String> uTexts = userTexts(j.getKey(), c, cutoff);
        if (uTexts.isEmpty()) {
          continue;
        }
        if (j.getValue() < cutoff) {
          trainPos.add(new Pair(j.getKey(), c, true, uTexts, cTexts));
        } else {
          testPos.add(new Pair(j.getKey(), c, true, uTexts, cTexts));
          later.add(j.getKey());
        }
      }
      // Training negatives had not joined by the cutoff; a later joiner is kept out of them so no
      // pair sits on both sides of the split with opposite labels.
      List<Pair> trainNeg = negatives(c, cTexts, trainPos.size(),
          u -> !joins0.containsKey(u), cutoff, random, Set.of());
      Set<String> used = new HashSet<>();
      trainNeg.forEach(p -> used.add(p.user()));
      List<Pair> testNeg = negatives(c, cTexts, testPos.size(),
          u -> !joins0.containsKey(u), cutoff, random, used);
      train.addAll(trainPos);
      train.addAll(trainNeg);
      test.addAll(testPos);
      test.addAll(testNeg);
    }
    Map<String, Integer> counts = participantCounts(challenges, cutoff);
    return new TimeSplit(cutoff, new Dataset(challenges, counts, train), new Dataset(challenges, counts, test));
  }

  private List<String> challenges(LongPredicate known, int min) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> e : firstJoin.entrySet()) {
      if (ChallengeRule.generic(e.getKey())) {
        continue;
      }
      long users = e.getValue().values().stream().filter(known::test).count();
      if (users >= min) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  private Map<String, Integer> participantCounts(List<String> challenges, long before) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String c : challenges) {
      m.put(c, (int) firstJoin.get(c).values().stream().filter(t -> t < before).count());
    }
    return m;
  }

  /** The user's latest videos before {@code before} that do not carry the challenge. */
  List<String> userTexts(String user, String challenge, long before) {
    List<String> out = new ArrayList<>();
    for (CreatorVideo v : byUser.get(user)) {
      if (v.time() < before && !v.challenges().contains(challenge)) {
        out.add(v.text());
        if (out.size() == options.userVideos()) {
          break;
        }
      }
    }
    return out;
  }

  /** The challenge's latest videos before {@code before}, across users. */
  List<String> challengeTexts(String challenge, long before) {
    List<CreatorVideo> in = new ArrayList<>();
    for (String u : firstJoin.get(challenge).keySet()) {
      for (CreatorVideo v : byUser.get(u)) {
        if (v.time() < before && v.challenges().contains(challenge)) {
          in.add(v);
        }
      }
    }
    in.sort(Comparator.comparingLong(CreatorVideo::time).reversed().thenComparing(CreatorVideo::id));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(options.challengeVideos(), in.size()); i++) {
      out.add(in.get(i).text());
    }
    return out;
  }

  private List<Pair> negatives(
      String c, List<String> cTexts, int positives, java.util.function.Predicate<String> eligible,
      long before, Random random, Set<String> exclude) {
    List<String> pool = new ArrayList<>();
    for (String u : byUser.keySet()) {
      if (eligible.test(u) && !exclude.contains(u)) {
        pool.add(u);
      }
    }
    Collections.shuffle(pool, random);
    List<Pair> out = new ArrayList<>();
    int want = positives * options.negativesPerPositive();
    for (String u : pool) {
      if (out.size() == want) {
        break;
      }
      List<String> uTexts = userTexts(u, c, before);
      if (!uTexts.isEmpty()) {
        out.add(new Pair(u, c, false, uTexts, cTexts));
      }
    }
    return out;
  }

  /** For reports: how many distinct users each key has, generic ones included. */
  public Map<String, Integer> topKeys(int n) {
    Map<String, Integer> all = new HashMap<>();
    firstJoin.forEach((k, v) -> all.put(k, v.size()));
    String[] keys = all.keySet().toArray(new String[0]);
    Arrays.sort(keys, Comparator.comparing((String k) -> -all.get(k)).thenComparing(k -> k));
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(n, keys.length); i++) {
      out.put(keys[i], all.get(keys[i]));
    }
    return out;
  }
}
