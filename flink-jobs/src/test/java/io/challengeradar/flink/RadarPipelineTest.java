package io.challengeradar.flink;

import static io.challengeradar.flink.TestEvents.line;
import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.source.PipelineSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a MiniCluster at parallelism 2, from an NDJSON file into collecting sinks. */
class RadarPipelineTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  static final long[] NEW_AUTHORS_PER_HOUR = {4, 8, 12, 16};
  static final int VIDEOS = 40;

  /**
   * Options that let four hours surge: each window measured against the one before it (the
   * defaults need half a day of a tag's past before anything can surge).
   */
  static PipelineOptions shortMemory() {
    return ChallengeScenario.options();
  }

  /** Minute of the hour's n-th post, for hours with 4, 8, 12 and 16 new authors. */
  static long postMinute(int video) {
    int first = 0;
    for (int h = 0; ; h++) {
      long n = NEW_AUTHORS_PER_HOUR[h];
      if (video < first + n) {
        return h * 60L + (video - first) * 60L / n;
      }
      first += n;
    }
  }

  /**
   * 40 videos, one new author each, 4, 8, 12 and 16 in four hours, all tagged #dance, every other
   * one with sound m1; two snapshots each, in event-time order. Then one of each kind of bad input.
   */
  static List<String> input() {
    TreeMap<Long, List<String>> timeline = new TreeMap<>();
    for (int i = 0; i < VIDEOS; i++) {
      String v = String.format("v%03d", i);
      long t = postMinute(i);
      String post = line(post(v, String.format("a%03d", i), minutes(t), i % 2 == 0 ? "m1" : null,
          "dance", i % 4 == 0 ? "fyp" : "dance"));
      String first = line(snapshot(v, minutes(t + 5), 100));
      if (i == 7) {
        // Its first snapshot arrives before the post: it must wait, then be applied.
        add(timeline, t, first);
        add(timeline, t, post);
      } else {
        add(timeline, t, post);
        add(timeline, t + 5, first);
      }
      add(timeline, t + 40, line(snapshot(v, minutes(t + 40), 1_000 + i)));
    }
    // The same post again, and the same snapshot again: duplicates, not late.
    add(timeline, postMinute(1) + 6,
        line(post("v001", "a001", minutes(postMinute(1)), null, "dance")));
    add(timeline, postMinute(38) + 41,
        line(snapshot("v038", minutes(postMinute(38) + 40), 1_038)));
    // A snapshot of a video never posted: waits, then is dead-lettered as an orphan.
    add(timeline, 270, line(snapshot("ghost", minutes(270), 5)));
    List<String> lines = new ArrayList<>();
    timeline.values().forEach(lines::addAll);
    lines.add("{not json");
    lines.add("{\"type\":\"post\",\"videoId\":\"x1\",\"createdAt\":\"2024-03-01T04:00:00Z\","
        + "\"caption\":\"\",\"hashtags\":[],\"musicId\":null,\"durationSec\":null}");
    lines.add("{\"type\":\"engagement\",\"videoId\":\"v001\",\"observedAt\":"
        + "\"2024-03-01T04:00:00Z\",\"views\":-5,\"likes\":0,\"comments\":0,\"shares\":0}");
    // Three hours behind the watermark: late.
    lines.add(line(post("late", "a999", minutes(60), null, "dance")));
    return lines;
  }

  private static void add(TreeMap<Long, List<String>> timeline, long minute, String line) {
    timeline.computeIfAbsent(minute, m -> new ArrayList<>()).add(line);
  }

  @Test
  void everyLineEndsUpAsExactlyOneProcessedEventOrDeadLetter(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.ndjson");
    List<String> lines = input();
    Files.write(file, lines, StandardCharsets.UTF_8);

    CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
    CollectingSink<VideoDocument> videos = new CollectingSink<>();
    CollectingSink<WindowStats> windows = new CollectingSink<>();
    CollectingSink<ChallengeAlert> alerts = new CollectingSink<>();
    CollectingSink<HashtagStage> stages = new CollectingSink<>();
    RadarPipeline job = RadarPipeline.builder()
        .options(shortMemory())
        .sources(PipelineSources.files(List.of(file)))
        .outputs(s -> {
          s.deadLetters().sinkTo(deadLetters);
          s.videos().sinkTo(videos);
          s.windows().sinkTo(windows);
          s.alerts().sinkTo(alerts);
          s.stages().sinkTo(stages);
        })
        .build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    job.execute(env, "pipeline-test");

    Map<String, Long> reasons = deadLetters.records().stream()
        .collect(Collectors.groupingBy(DeadLetter::reason, Collectors.counting()));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
        DeadLetter.REASON_INVALID, 3L,
        DeadLetter.REASON_DUPLICATE, 2L,
        DeadLetter.REASON_ORPHAN_SNAPSHOT, 1L,
        DeadLetter.REASON_LATE, 1L));
    assertThat(deadLetters.records()).allSatisfy(d -> assertThat(d.origin().name())
        .isEqualTo(file.toString()));
    assertThat(deadLetters.records()).filteredOn(d -> d.reason().equals(DeadLetter.REASON_INVALID))
        .extracting(d -> d.origin().position())
        .containsExactlyInAnyOrder((long) lines.size() - 3, (long) lines.size() - 2,
            (long) lines.size() - 1);

    Map<String, VideoDocument> latest = videos.records().stream().collect(Collectors.toMap(
        VideoDocument::id, Function.identity(),
        (a, b) -> a.version() >= b.version() ? a : b));
    assertThat(latest).hasSize(VIDEOS);
    long applied = latest.values().stream().mapToLong(VideoDocument::version).sum();
    assertThat(applied + deadLetters.records().size()).isEqualTo(lines.size());
    VideoDocument early = latest.get("v007");
    assertThat(early.snapshots()).isEqualTo(2);
    assertThat(early.engagement().views()).isEqualTo(1_007);
    assertThat(early.features().viewsPerHour()).isCloseTo(907 / (35 / 60.0), within(1e-9));

    List<WindowStats> dance = windows.records().stream()
        .filter(w -> w.key().equals("hashtag:dance"))
        .sorted(Comparator.comparing(WindowStats::windowStart))
        .toList();
    // Hour 4 has no posts but gains views from the last snapshots; three empty windows follow.
    assertThat(dance).extracting(w -> w.counts().newParticipants())
        .containsExactly(4L, 8L, 12L, 16L, 0L, 0L, 0L, 0L);
    assertThat(dance).extracting(w -> w.counts().cumulativeParticipants())
        .containsExactly(4L, 12L, 24L, 40L, 40L, 40L, 40L, 40L);
    assertThat(dance.get(4).counts().viewsGained()).isPositive();
    assertThat(dance.subList(5, 8)).allSatisfy(w -> assertThat(w.counts().viewsGained()).isZero());
    assertThat(alerts.records()).filteredOn(a -> a.tag().equals("dance"))
        .extracting(ChallengeAlert::stage).contains(Stage.EMERGING);
    assertThat(stages.records()).hasSameSizeAs(alerts.records());
  }
}
