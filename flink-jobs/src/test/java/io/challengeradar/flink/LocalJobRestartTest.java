package io.challengeradar.flink;

import static io.challengeradar.flink.TestEvents.line;
import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.source.PipelineSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalJob} tells its caller about a restart it sees (what {@code radar pipeline}'s restart
 * notice is built on): a job whose sink fails on its first attempt is restarted by Flink, the
 * caller hears of it once, and the job then finishes with every video written.
 */
class LocalJobRestartTest {

  private static final int VIDEOS = 5;

  @Test
  void aRestartAfterAFailureIsToldOnceAndTheJobGoesOn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.ndjson");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < VIDEOS; i++) {
      lines.add(line(post("v" + i, "a" + i, minutes(i), null, "dance")));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    FailsOnFirstAttempt videos = new FailsOnFirstAttempt();
    RadarPipeline job = RadarPipeline.builder()
        .options(ChallengeScenario.options())
        .sources(PipelineSources.files(List.of(file)))
        .outputs(s -> s.videos().sinkTo(videos))
        .build();

    List<Integer> told = new CopyOnWriteArrayList<>();
    AtomicInteger polls = new AtomicInteger();
    LocalJob.run(job, "local-job-restart-test", 1, null, Duration.ofMillis(100),
        polls::incrementAndGet, told::add);

    assertThat(told).as("restarts told").containsExactly(1);
    assertThat(polls).as("progress callbacks while it ran").hasPositiveValue();
    assertThat(FailsOnFirstAttempt.WRITTEN).extracting(VideoDocument::id)
        .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
  }

  @Test
  void withoutAListenerTheJobRunsAsBefore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.write(file, List.of(line(post("v0", "a0", minutes(0), null, "dance"))),
        StandardCharsets.UTF_8);
    CollectingSink<VideoDocument> videos = new CollectingSink<>();
    RadarPipeline job = RadarPipeline.builder()
        .options(ChallengeScenario.options())
        .sources(PipelineSources.files(List.of(file)))
        .outputs(s -> s.videos().sinkTo(videos))
        .build();

    LocalJob.run(job, "local-job-no-listener-test", 1, Duration.ofMillis(100), () -> { });

    assertThat(videos.records()).extracting(VideoDocument::id).containsExactly("v0");
  }

  /**
   * Fails its first attempt at the first record; later attempts keep what they are given (the
   * first attempt failed before keeping anything, so each video is kept once).
   */
  private static final class FailsOnFirstAttempt implements Sink<VideoDocument> {
    private static final long serialVersionUID = 1L;
    static final List<VideoDocument> WRITTEN = new CopyOnWriteArrayList<>();

    FailsOnFirstAttempt() {
      WRITTEN.clear();
    }

    @Override
    public SinkWriter<VideoDocument> createWriter(WriterInitContext context) {
      boolean first = context.getTaskInfo().getAttemptNumber() == 0;
      return new SinkWriter<>() {
        @Override
        public void write(VideoDocument element, Context ctx) {
          if (first) {
            throw new IllegalStateException("the first attempt fails, as a test");
          }
          WRITTEN.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
