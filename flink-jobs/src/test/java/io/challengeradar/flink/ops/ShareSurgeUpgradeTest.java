package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.BEGINNING;
import static io.challengeradar.flink.TestEvents.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.model.WindowVolume;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of the detector written by the build before a surged tag's peak was held for its
 * whole cycle (before {@link ShareMeter.Level} gained {@code waningWindows}) restores into this
 * build: every tag's level, the pending windows and the broadcast volumes come back, and the
 * windows after the restore are measured exactly as in an uninterrupted run of this build.
 *
 * <p>The resource {@value #SNAPSHOT} is the detector's state after {@value #CUT} of the
 * {@value #WINDOWS} hourly windows of {@link #input()}, in the middle of the challenge's rise (it
 * has surged; its peak is held from then on). It was written at commit 23533c8, the main branch
 * just before the peak hold, by {@link #main} in this class (copied into that checkout) and
 * {@code java -cp <flink-jobs test class path> io.challengeradar.flink.ops.ShareSurgeUpgradeTest
 * FILE}. Flink's POJO serializer migrates the record: the new field starts at 0 (not waning),
 * which is what the older build's level means. Before the cut no peak is older than the recent +
 * baseline windows, so the older build's peaks are this build's.
 */
class ShareSurgeUpgradeTest {
  static final String SNAPSHOT = "share-surge-before-peak-hold.snapshot";
  static final PipelineOptions OPTIONS = PipelineOptions.defaults();
  static final int WINDOWS = 60;
  static final int CUT = 26;
  static final int MAX_PARALLELISM = 128;

  /** New participants per window: quiet topics, and a challenge that rises from window 20. */
  static Map<String, long[]> input() {
    Map<String, long[]> tags = new LinkedHashMap<>();
    for (int t = 0; t < 20; t++) {
      long[] counts = new long[WINDOWS];
      for (int i = 0; i < WINDOWS; i++) {
        counts[i] = 1 + (t * 7 + i * 3) % 5;
      }
      tags.put("topic" + t, counts);
    }
    long[] challenge = new long[WINDOWS];
    java.util.Arrays.fill(challenge, 1);
    long[] wave = {4, 8, 14, 20, 26, 30, 32, 30, 28, 20, 12, 6, 3, 2};
    System.arraycopy(wave, 0, challenge, 20, wave.length);
    tags.put("challenge", challenge);
    return tags;
  }

  static KeyedBroadcastOperatorTestHarness<String, WindowStats, WindowVolume, WindowStats>
      harness() throws Exception {
    return new KeyedBroadcastOperatorTestHarness<>(
        new CoBroadcastWithKeyedOperator<>(new ShareSurge(OPTIONS), List.of(ShareSurge.VOLUMES)),
        WindowStats::key, Types.STRING, MAX_PARALLELISM, 1, 0);
  }

  /** Each tag's window and the window's volume at its fire time, then the watermark. */
  static void feed(KeyedBroadcastOperatorTestHarness<String, WindowStats, WindowVolume,
      WindowStats> h, int from, int to) throws Exception {
    ShareSurgeTest.feedWindows(h, OPTIONS, input(), from, to);
  }

  /** Writes the snapshot of the first {@value #CUT} windows to {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    try (var h = harness()) {
      h.open();
      feed(h, 0, CUT);
      OperatorSnapshotUtil.writeStateHandle(h.snapshot(1, 1), args[0]);
    }
  }

  @Test
  void aCheckpointOfTheBuildBeforeThePeakHoldRestoresEveryTagsLevel() throws Exception {
    List<WindowStats> uninterrupted;
    try (var h = harness()) {
      h.open();
      feed(h, 0, CUT);
      int before = h.extractOutputValues().size();
      feed(h, CUT, WINDOWS);
      List<WindowStats> all = h.extractOutputValues();
      uninterrupted = all.subList(before, all.size());
    }
    URL resource = getClass().getResource(SNAPSHOT);
    assertThat(resource).as(SNAPSHOT).isNotNull();
    OperatorSubtaskState older =
        OperatorSnapshotUtil.readStateHandle(Path.of(resource.toURI()).toString());

    List<WindowStats> resumed;
    try (var h = harness()) {
      h.setup();
      h.initializeState(older);
      h.open();
      feed(h, CUT, WINDOWS);
      resumed = h.extractOutputValues();
    }

    assertThat(resumed).hasSize(uninterrupted.size());
    assertThat(resumed).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(uninterrupted);
    // What the state carried: the challenge had surged before the cut (its peak, held since),
    // and its first window after it is measured against its own past, not as a new tag.
    WindowStats first = resumed.stream().filter(w -> w.tag().equals("challenge")).findFirst()
        .orElseThrow();
    assertThat(first.windowStart()).isEqualTo(BEGINNING.plus(HOUR.multipliedBy(CUT)));
    assertThat(first.trend().peakScore()).isGreaterThanOrEqualTo(OPTIONS.cep().minScore());
    assertThat(first.trend().previousShare()).isPositive();
    assertThat(first.trend().recentNewParticipants())
        .isEqualTo(8 + 14 + 20 + 26 + 30 + 32);
  }
}
