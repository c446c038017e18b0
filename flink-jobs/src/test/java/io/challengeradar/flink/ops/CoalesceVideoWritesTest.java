package io.challengeradar.flink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.Engagement;
import io.challengeradar.flink.model.EngagementFeatures;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoPost;
import io.challengeradar.flink.model.VideoSignals;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CoalesceVideoWritesTest {

  private static final long INTERVAL = 1_000;
  private static final Instant POSTED = Instant.parse("2021-03-01T10:00:00Z");

  private static VideoDocument video(String id, long version) {
    Post post = Post.of(id, "author-1", POSTED, "new move #duetchallenge",
        List.of("duetchallenge"), "music-1", 15);
    return new VideoDocument(VideoPost.of(post), Engagement.NONE, EngagementFeatures.NONE,
        (int) version - 1, version, POSTED.plusSeconds(version), VideoSignals.NONE);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, VideoDocument, VideoDocument>
      harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new CoalesceVideoWrites(INTERVAL), VideoDocument::id, Types.STRING);
  }

  @Test
  void writesOnlyEachVideosNewestDocumentOncePerInterval() throws Exception {
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      h.processElement(new StreamRecord<>(video("v1", 1)));
      h.processElement(new StreamRecord<>(video("v1", 2)));
      h.processElement(new StreamRecord<>(video("v2", 1)));
      h.setProcessingTime(500);
      h.processElement(new StreamRecord<>(video("v1", 3)));

      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(h.numProcessingTimeTimers()).isEqualTo(2);

      h.setProcessingTime(INTERVAL);

      assertThat(h.extractOutputValues()).extracting(VideoDocument::id, VideoDocument::version)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("v1", 3L),
              org.assertj.core.groups.Tuple.tuple("v2", 1L));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void anOlderDocumentArrivingLateDoesNotReplaceTheNewerOneHeld() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new StreamRecord<>(video("v1", 4)));
      h.processElement(new StreamRecord<>(video("v1", 3)));

      h.setProcessingTime(INTERVAL);

      assertThat(h.extractOutputValues()).extracting(VideoDocument::version).containsExactly(4L);
    }
  }

  @Test
  void documentsHeldAtACheckpointAreWrittenAfterARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement(new StreamRecord<>(video("v1", 2)));
      snapshot = h.snapshot(1L, 0L);
    }

    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      assertThat(restored.extractOutputValues()).isEmpty();

      restored.setProcessingTime(INTERVAL);

      assertThat(restored.extractOutputValues()).extracting(VideoDocument::version)
          .containsExactly(2L);
    }
  }

  @Test
  void theEndOfABoundedInputWritesEveryDocumentStillHeld() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new StreamRecord<>(video("v1", 2)));
      h.processElement(new StreamRecord<>(video("v2", 5)));

      h.endInput();

      assertThat(h.extractOutputValues()).extracting(VideoDocument::id)
          .containsExactlyInAnyOrder("v1", "v2");
    }
  }
}
