package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.BEGINNING;
import static io.challengeradar.flink.TestEvents.HOUR;
import static io.challengeradar.flink.model.Windows.aWindow;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.model.WindowVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The share detector in a broadcast harness, fed a population of hashtags window by window: each
 * tag's window and each window's volume arrive at the window's fire time, then the watermark.
 */
class ShareSurgeTest {
  static final PipelineOptions OPTIONS = PipelineOptions.defaults();
  static final CepThresholds T = OPTIONS.cep();
  static final int WINDOWS = 60;
  static final int QUIET_TAGS = 40;

  /** New participants per window of each tag; a tag absent from a window has no window then. */
  static Map<String, long[]> population(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, long[]> tags = new LinkedHashMap<>();
    for (int t = 0; t < QUIET_TAGS; t++) {
      long[] counts = new long[WINDOWS];
      double rate = 1 + t % 5;
      for (int i = 0; i < WINDOWS; i++) {
        counts[i] = poisson(random, rate);
      }
      tags.put("topic" + t, counts);
    }
    return tags;
  }

  static long poisson(SplittableRandom random, double mean) {
    long k = 0;
    double p = Math.exp(-mean);
    double u = random.nextDouble();
    double cumulative = p;
    while (u > cumulative) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  /** Runs the detector over the population and returns each tag's measured windows. */
  static Map<String, List<WindowStats>> measure(PipelineOptions options, Map<String, long[]> tags)
      throws Exception {
    Map<String, List<WindowStats>> measured = new LinkedHashMap<>();
    try (KeyedBroadcastOperatorTestHarness<String, WindowStats, WindowVolume, WindowStats> h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new ShareSurge(options),
            WindowStats::key, Types.STRING, ShareSurge.VOLUMES)) {
      feedWindows(h, options, tags, 0, tags.values().iterator().next().length);
      for (WindowStats w : h.extractOutputValues()) {
        measured.computeIfAbsent(w.tag(), k -> new ArrayList<>()).add(w);
      }
    }
    return measured;
  }

  /**
   * Windows {@code from} (inclusive) to {@code to} of each tag (a negative count: the tag has no
   * window then) and each window's volume, at the window's fire time, then the watermark.
   */
  static void feedWindows(
      KeyedBroadcastOperatorTestHarness<String, WindowStats, WindowVolume, WindowStats> h,
      PipelineOptions options, Map<String, long[]> tags, int from, int to) throws Exception {
    long size = options.windowSize().toMillis();
    long lateness = options.allowedLateness().toMillis();
    for (int i = from; i < to; i++) {
      Instant start = BEGINNING.plus(HOUR.multipliedBy(i));
      long fire = start.toEpochMilli() + size - 1 + lateness;
      long volume = 0;
      long active = 0;
      for (Map.Entry<String, long[]> e : tags.entrySet()) {
        long n = e.getValue()[i];
        if (n < 0) {
          continue;
        }
        volume += n;
        active += n > 0 ? 1 : 0;
        h.processElement(aWindow().hashtag(e.getKey()).hourFrom(start).newParticipants(n)
            .participants(n).newPosts(n).build(), fire);
      }
      h.processBroadcastElement(
          new WindowVolume(TagKind.HASHTAG, start.toEpochMilli(), volume, active), fire);
      h.processWatermark(new Watermark(fire));
      h.processBroadcastWatermark(new Watermark(fire));
    }
  }

  static List<WindowStats> surging(List<WindowStats> windows) {
    ChallengePatterns.Surging surging = ChallengePatterns.Surging.of(T);
    return windows.stream().filter(surging::filter).toList();
  }

  static long[] flat(long n) {
    long[] out = new long[WINDOWS];
    java.util.Arrays.fill(out, n);
    return out;
  }

  @Test
  void measuresAShareOfTheWindowVolumeAgainstTheTagsOwnPast() throws Exception {
    Map<String, long[]> tags = population(1);
    Map<String, List<WindowStats>> m = measure(OPTIONS, tags);

    WindowStats w = m.get("topic3").get(30);
    long volume = tags.values().stream().mapToLong(c -> c[30]).sum();
    assertThat(w.trend().windowVolume()).isEqualTo(volume);
    assertThat(w.trend().share()).isEqualTo((double) tags.get("topic3")[30] / volume);
    // topic3 runs at 4 an hour out of about 120: its baseline is near its own share.
    assertThat(w.trend().baselineShare()).isBetween(0.02, 0.05);
    assertThat(w.trend().score()).isBetween(-3.0, 3.0);
  }

  @Test
  void volumeThatLiftsEveryTagLiftsNone() throws Exception {
    Map<String, long[]> tags = population(2);
    // From window 30 the sample holds five times as many posts, of every tag alike.
    tags.replaceAll((tag, counts) -> {
      long[] lifted = counts.clone();
      for (int i = 30; i < WINDOWS; i++) {
        lifted[i] *= 5;
      }
      return lifted;
    });

    Map<String, List<WindowStats>> m = measure(OPTIONS, tags);

    m.forEach((tag, windows) -> assertThat(surging(windows)).as(tag).isEmpty());
    assertThat(m.get("topic4").get(40).counts().newParticipants()).isGreaterThan(10);
  }

  @Test
  void anEvergreenTagWithAHighStableShareDoesNotSurgeEvenWhenItGrows() throws Exception {
    Map<String, long[]> tags = population(3);
    long[] fyp = new long[WINDOWS];
    for (int i = 0; i < WINDOWS; i++) {
      // A third of all new participants, then half from window 35: big counts, a big score.
      fyp[i] = i < 35 ? 40 : 100;
    }
    tags.put("fyp", fyp);

    List<WindowStats> windows = measure(OPTIONS, tags).get("fyp");

    assertThat(surging(windows)).isEmpty();
    assertThat(windows.get(40).trend().score()).isGreaterThan(T.minScore());
    // Past the warm-up (while every tag is new, its lift against the prior means nothing).
    assertThat(windows.subList(OPTIONS.surge().warmupWindows(), WINDOWS))
        .allSatisfy(w -> assertThat(w.trend().lift()).isLessThan(T.minLift()));
  }

  @Test
  void aTagBornInItsOwnBurstSurgesAgainstThePopulationPrior() throws Exception {
    Map<String, long[]> tags = population(4);
    long[] born = new long[WINDOWS];
    java.util.Arrays.fill(born, -1);
    long[] burst = {3, 6, 9, 14, 20, 26, 30};
    System.arraycopy(burst, 0, born, 30, burst.length);
    java.util.Arrays.fill(born, 30 + burst.length, WINDOWS, 0);
    tags.put("crocschallenge", born);

    List<WindowStats> windows = measure(OPTIONS, tags).get("crocschallenge");

    assertThat(windows.get(0).windowStart()).isEqualTo(BEGINNING.plus(HOUR.multipliedBy(30)));
    assertThat(windows.get(0).trend().baselineShare())
        .isCloseTo(OPTIONS.surge().priorShareScale() / (QUIET_TAGS + 1), org.assertj.core.data
            .Offset.offset(0.01));
    assertThat(surging(windows)).isNotEmpty()
        .first().satisfies(w -> assertThat(w.windowStart())
            .isBefore(BEGINNING.plus(HOUR.multipliedBy(33))));
  }

  @Test
  void carriesThePeakRecentShareThatFadingMeasuresTheFallAgainst() throws Exception {
    Map<String, long[]> tags = population(7);
    long[] challenge = new long[WINDOWS];
    java.util.Arrays.fill(challenge, 1);
    long[] wave = {4, 8, 14, 20, 26, 30, 24, 28, 20, 12, 6, 3, 2};
    System.arraycopy(wave, 0, challenge, 20, wave.length);
    tags.put("challenge", challenge);

    List<WindowStats> windows = measure(OPTIONS, tags).get("challenge");

    // Until the tag has faded (FADING's windows, here 33-35), the peak is the highest so far.
    double highest = 0;
    for (WindowStats w : windows.subList(0, 36)) {
      highest = Math.max(highest, w.trend().recentShare());
      assertThat(w.trend().peakRecentShare()).as(w.windowStart().toString()).isEqualTo(highest);
    }
    // The dip at window 26 leaves the peak where it was; after the wave the share is well below.
    assertThat(windows.get(26).trend().recentShare())
        .isGreaterThan(0.5 * windows.get(26).trend().peakRecentShare());
    assertThat(windows.get(33).trend().recentShare())
        .isLessThan(0.5 * windows.get(33).trend().peakRecentShare());
    // Then it is forgotten: the cycle is over, and a new surge starts a new peak.
    assertThat(windows.get(36).trend().peakRecentShare()).isLessThan(0.5 * highest);
    assertThat(windows.get(36).trend().peakScore()).isLessThan(T.minScore());
  }

  @Test
  void theSurgeStaysRecentWhileTheShareClimbsLongerThanTheHorizon() throws Exception {
    // Born in a burst (it surges against the prior), then a slow climb for two days: its score
    // falls under the threshold as its baseline follows, and its surge must still count as recent
    // when its share finally falls.
    int windows = 120;
    Map<String, long[]> tags = new LinkedHashMap<>();
    population(8).forEach((tag, counts) -> {
      long[] longer = new long[windows];
      for (int i = 0; i < windows; i++) {
        longer[i] = counts[i % WINDOWS];
      }
      tags.put(tag, longer);
    });
    long[] slow = new long[windows];
    java.util.Arrays.fill(slow, 0, 20, -1);
    for (int i = 20; i < 70; i++) {
      slow[i] = 4 + (i - 20) / 5;
    }
    java.util.Arrays.fill(slow, 70, windows, 0);
    tags.put("slowclimb", slow);

    List<WindowStats> measured = measure(OPTIONS, tags).get("slowclimb");

    // It surges in its first windows, and no more: 55 windows later is past the horizon
    // (recent + baseline windows, 30) counted from that surge.
    assertThat(measured.subList(0, 6)).anySatisfy(
        w -> assertThat(w.trend().score()).isGreaterThanOrEqualTo(T.minScore()));
    assertThat(surging(measured.subList(10, 50))).isEmpty();
    WindowStats fallen = measured.get(55);
    assertThat(fallen.trend().recentShare()).isLessThan(0.5 * fallen.trend().peakRecentShare());
    assertThat(fallen.trend().peakScore()).isGreaterThanOrEqualTo(T.minScore());
  }

  @Test
  void thePeakIsHeldForAsLongAsTheCycleLastsAPlateauLongerThanTheHorizonStillFades()
      throws Exception {
    // A challenge rises, holds a plateau just under its peak for 40 windows (longer than recent +
    // baseline windows, 30, after its last new high), then falls: its fall is measured against
    // the peak of its rise, however long ago that was, and FADING matches.
    int windows = 100;
    Map<String, long[]> tags = new LinkedHashMap<>();
    population(9).forEach((tag, counts) -> {
      long[] longer = new long[windows];
      for (int i = 0; i < windows; i++) {
        longer[i] = counts[i % WINDOWS];
      }
      tags.put(tag, longer);
    });
    long[] plateau = new long[windows];
    java.util.Arrays.fill(plateau, 0, 20, 1);
    long[] rise = {4, 10, 20, 30, 45, 45, 45, 45};
    System.arraycopy(rise, 0, plateau, 20, rise.length);
    for (int i = 28; i < 66; i++) {
      plateau[i] = i % 2 == 0 ? 30 : 34;
    }
    java.util.Arrays.fill(plateau, 66, windows, 3);
    tags.put("plateau", plateau);

    List<WindowStats> measured = measure(OPTIONS, tags).get("plateau");

    double peak = measured.subList(0, 35).stream()
        .mapToDouble(w -> w.trend().recentShare()).max().orElseThrow();
    // The last new high comes more than recent + baseline windows before the fall.
    assertThat(measured.subList(35, 66))
        .allSatisfy(w -> assertThat(w.trend().recentShare()).isGreaterThan(0.5 * peak)
            .isLessThan(peak));
    ChallengePatterns.Waning waning = new ChallengePatterns.Waning(T.minScore(),
        T.fadingMaxShareOfPeak(), 0);
    int firstWaning = 66;
    while (firstWaning < 72 && !waning.filter(measured.get(firstWaning))) {
      firstWaning++;
    }
    assertThat(firstWaning).isLessThan(72);
    for (int i = firstWaning; i < firstWaning + T.fadingWindows(); i++) {
      WindowStats w = measured.get(i);
      assertThat(w.trend().peakRecentShare()).as("window %d", i).isEqualTo(peak);
      assertThat(w.trend().peakScore()).isGreaterThanOrEqualTo(T.minScore());
      assertThat(waning.filter(w)).as("window %d", i).isTrue();
    }
    // Once it has faded (FADING's run of windows), the peak is forgotten: no second FADING.
    WindowStats after = measured.get(firstWaning + T.fadingWindows());
    assertThat(after.trend().peakScore()).isLessThan(T.minScore());
    assertThat(waning.filter(after)).isFalse();
  }

  @Test
  void noTagSurgesInTheWarmUpWhenEveryTagIsNew() throws Exception {
    Map<String, long[]> tags = population(5);
    long[] early = new long[WINDOWS];
    java.util.Arrays.fill(early, 30);
    tags.put("fyp", early);

    List<WindowStats> windows = measure(OPTIONS, tags).get("fyp");

    assertThat(windows.subList(0, OPTIONS.surge().warmupWindows()))
        .allSatisfy(w -> assertThat(w.trend().score()).isZero());
    assertThat(surging(windows)).isEmpty();
  }

  @Test
  void smallCountsDoNotMakeABigScore() {
    assertThat(ShareMeter.score(2, 0.2)).isCloseTo(2.37, org.assertj.core.data.Offset.offset(0.01));
    assertThat(ShareMeter.score(40, 4)).isCloseTo(10.6, org.assertj.core.data.Offset.offset(0.1));
    assertThat(ShareMeter.score(0, 4)).isNegative();
    assertThat(ShareMeter.score(3, 0)).isZero();
  }

  @Test
  void theFiguresAreTheSameWithADifferentNumberOfTagsPerSubtask() throws Exception {
    // Each subtask measures its own tags against the same broadcast volumes: one tag's figures
    // do not depend on which other tags share its subtask.
    Map<String, long[]> tags = population(6);
    Map<String, List<WindowStats>> all = measure(OPTIONS, tags);
    Map<String, List<WindowStats>> alone = measureAlone(OPTIONS, tags, "topic2");

    assertThat(alone.get("topic2")).extracting(WindowStats::trend)
        .isEqualTo(all.get("topic2").stream().map(WindowStats::trend).toList());
  }

  /** Only {@code tag}'s windows reach the detector; the volumes are still of every tag. */
  static Map<String, List<WindowStats>> measureAlone(PipelineOptions options,
      Map<String, long[]> tags, String tag) throws Exception {
    long size = options.windowSize().toMillis();
    long lateness = options.allowedLateness().toMillis();
    Map<String, List<WindowStats>> measured = new LinkedHashMap<>();
    try (KeyedBroadcastOperatorTestHarness<String, WindowStats, WindowVolume, WindowStats> h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new ShareSurge(options),
            WindowStats::key, Types.STRING, ShareSurge.VOLUMES)) {
      for (int i = 0; i < WINDOWS; i++) {
        Instant start = BEGINNING.plus(HOUR.multipliedBy(i));
        long fire = start.toEpochMilli() + size - 1 + lateness;
        int at = i;
        long volume = tags.values().stream().mapToLong(c -> c[at]).sum();
        long active = tags.values().stream().filter(c -> c[at] > 0).count();
        h.processBroadcastElement(
            new WindowVolume(TagKind.HASHTAG, start.toEpochMilli(), volume, active), fire);
        long n = tags.get(tag)[i];
        h.processElement(aWindow().hashtag(tag).hourFrom(start).newParticipants(n)
            .participants(n).newPosts(n).build(), fire);
        h.processWatermark(new Watermark(fire));
        h.processBroadcastWatermark(new Watermark(fire));
      }
      for (WindowStats w : h.extractOutputValues()) {
        measured.computeIfAbsent(w.tag(), k -> new ArrayList<>()).add(w);
      }
    }
    return measured;
  }
}
