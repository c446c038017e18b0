package io.challengeradar.flink;

import static io.challengeradar.flink.TestEvents.BEGINNING;
import static io.challengeradar.flink.TestEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.Stage;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.source.PipelineSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector end to end (the job at parallelism 2 over an NDJSON file, default options, hourly
 * windows) on bad input among a steady population of tags: one author posting hundreds of times,
 * a burst of duplicate posts, a clock jump, a data set of a single day. A challenge born in the
 * same stream is the control that the detector still detects.
 */
class DetectionBadInputTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  static final int TOPICS = 30;
  static final Duration HOUR = Duration.ofHours(1);

  /** Topic tags at 1-5 posts an hour each, from a pool of 2,000 authors, for {@code hours}. */
  static void background(List<Post> posts, Instant from, int hours, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int h = 0; h < hours; h++) {
      for (int t = 0; t < TOPICS; t++) {
        int n = 1 + (t + h) % 5;
        for (int j = 0; j < n; j++) {
          Instant at = from.plus(HOUR.multipliedBy(h)).plusSeconds(random.nextInt(3600));
          String id = "bg-" + seed + "-" + h + "-" + t + "-" + j;
          posts.add(post(id, "u" + random.nextInt(2_000), at, null, "topic" + t, "fyp"));
        }
      }
    }
  }

  static List<ChallengeAlert> run(Path dir, List<Post> posts) throws Exception {
    return runWith(dir, posts, PipelineOptions.defaults());
  }

  /**
   * The bad input among {@code days} of the population, around a challenge born on day
   * {@code burstDay}: one author posting 300 times and one video posted 200 times, both the
   * evening before the challenge; then the clock jumps 30 days ahead and the population goes on
   * for {@code afterJumpHours}.
   */
  static List<Post> badInputAroundAChallenge(int days, int burstDay, int afterJumpHours) {
    List<Post> posts = new ArrayList<>();
    background(posts, BEGINNING, 24 * days, 1);
    Instant evening = BEGINNING.plus(Duration.ofDays(burstDay - 1)).plus(Duration.ofHours(20));
    // One author posting 300 times in three hours.
    for (int i = 0; i < 300; i++) {
      posts.add(post("spam-" + i, "spammer", evening.plus(Duration.ofSeconds(30L * i)), null,
          "spamtag"));
    }
    // The same post 200 times (a client retrying): duplicates of one video.
    for (int i = 0; i < 200; i++) {
      posts.add(post("dupe", "retrier", evening.plus(Duration.ofHours(2))
          .plus(Duration.ofSeconds(15L * i)), null, "dupetag"));
    }
    // A challenge born on the burst day: new authors every hour.
    long[] newAuthors = {4, 8, 14, 20, 26, 22, 16, 10, 6, 3};
    Instant born = BEGINNING.plus(Duration.ofDays(burstDay));
    for (int h = 0; h < newAuthors.length; h++) {
      for (int j = 0; j < newAuthors[h]; j++) {
        posts.add(post("croc-" + h + "-" + j, "croc-" + h + "-" + j,
            born.plus(HOUR.multipliedBy(h)).plusSeconds(j * 60L), null, "crocschallenge",
            "fyp"));
      }
    }
    // The clock jumps 30 days ahead, and the population goes on.
    background(posts, BEGINNING.plus(Duration.ofDays(days + 30)), afterJumpHours, 2);
    return posts;
  }

  /** Only the challenge is alerted, forward through the lifecycle, its evidence saying why. */
  static void assertOnlyTheChallenge(List<ChallengeAlert> alerts, Instant before,
      int triggerWindows) {
    assertThat(alerts).extracting(ChallengeAlert::tag).containsOnly("crocschallenge");
    assertThat(alerts).extracting(ChallengeAlert::stage).startsWith(Stage.EMERGING)
        .doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(alerts).extracting(ChallengeAlert::detectedAt).doesNotHaveDuplicates();
    ChallengeAlert emerging = alerts.get(0);
    assertThat(emerging.cycle()).isEqualTo(1);
    assertThat(emerging.detectedAt()).isBefore(before);
    assertThat(emerging.evidence().distinctAuthors()).isGreaterThanOrEqualTo(10);
    assertThat(emerging.evidence().share())
        .isGreaterThan(3 * emerging.evidence().baselineShare());
    assertThat(emerging.evidence().triggerWindows()).hasSize(triggerWindows);
  }

  @Test
  void spamDuplicatesAndAClockJumpRaiseNothingWhileAChallengeIsStillCaught(@TempDir Path dir)
      throws Exception {
    List<ChallengeAlert> alerts = run(dir, badInputAroundAChallenge(2, 1, 6));

    assertOnlyTheChallenge(alerts, BEGINNING.plus(HOUR.multipliedBy(29)), 2);
  }

  @Test
  void atTheSparseSettingsSpamDuplicatesAndAClockJumpRaiseNothingEither(@TempDir Path dir)
      throws Exception {
    // docs/replays-12h.properties, the setting for sampled pulls: 12 h windows, a warm-up of two
    // days, one surging window for EMERGING.
    PipelineOptions sparse = ItPipelines.options("window.size", "12h",
        "trend.recent-windows", "2", "trend.baseline-windows", "8", "trend.warmup-windows", "4",
        "cep.emerging.windows", "1", "cep.accelerating.windows", "1");

    List<ChallengeAlert> alerts = runWith(dir, badInputAroundAChallenge(5, 3, 36), sparse);

    // The challenge's first half-day ends at noon of its burst day.
    assertOnlyTheChallenge(alerts, BEGINNING.plus(Duration.ofDays(3)).plus(Duration.ofHours(13)),
        1);
  }

  @Test
  void aSingleDayRaisesNothingAndEndsCleanly(@TempDir Path dir) throws Exception {
    List<Post> posts = new ArrayList<>();
    background(posts, BEGINNING, 24, 3);

    assertThat(run(dir, posts)).isEmpty();
  }

  @Test
  void aSingleDayAtDailyWindowsRaisesNothingAndEndsCleanly(@TempDir Path dir) throws Exception {
    List<Post> posts = new ArrayList<>();
    background(posts, BEGINNING, 24, 4);

    // The sparse-data settings: one window is the whole data set, and it is the warm-up.
    assertThat(runWith(dir, posts, ItPipelines.options("window.size", "1d",
        "trend.recent-windows", "2", "trend.warmup-windows", "2", "cep.emerging.windows", "1")))
        .isEmpty();
  }

  static List<ChallengeAlert> runWith(Path dir, List<Post> posts, PipelineOptions options)
      throws Exception {
    posts.sort(Comparator.comparing(Post::createdAt));
    Path file = dir.resolve("events-" + options.windowSize().toHours() + ".ndjson");
    Files.write(file, posts.stream().map(TestEvents::line).toList(), StandardCharsets.UTF_8);
    CollectingSink<ChallengeAlert> alerts = new CollectingSink<>();
    RadarPipeline job = RadarPipeline.builder().options(options)
        .sources(PipelineSources.files(List.of(file)))
        .outputs(s -> s.alerts().sinkTo(alerts))
        .build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    job.execute(env, "detection-bad-input-daily");
    return alerts.records();
  }
}
