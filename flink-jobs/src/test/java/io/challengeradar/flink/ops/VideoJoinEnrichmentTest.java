package io.challengeradar.flink.ops;

import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.core.event.Event;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.enrich.EnrichmentOptions;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoUpdate;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VideoJoin's second input: the serving tier's answers land on the video's document once. */
class VideoJoinEnrichmentTest {
  static final PipelineOptions ENRICHING = io.challengeradar.flink.ItPipelines.options(
      "serving.url", "http://serving:8081");
  static final Instant ANSWERED_AT = Instant.parse("2024-03-01T00:00:05Z");
  /** The test posts' authors have 1,000 followers; the head calls 2 views per follower viral. */
  static final double RATIO_CUT = 2.0;

  KeyedTwoInputStreamOperatorTestHarness<String, SourcedEvent, Enrichment, VideoUpdate> harness;
  long line;

  @BeforeEach
  void open() throws Exception {
    harness = VideoJoinTest.harness(ENRICHING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  void send(Event e) throws Exception {
    SourcedEvent s = new SourcedEvent(e, "raw " + (++line), Origin.file("t.ndjson", line));
    harness.processElement1(new StreamRecord<>(s, e.eventTime().toEpochMilli()));
  }

  void answer(String videoId, double virality) throws Exception {
    Enrichment.Answer answer = new Enrichment.Answer(new float[] {0.6f, 0.8f}, "minilm/1",
        virality, "virality/3", null, 0.1, "claims/1", ANSWERED_AT, RATIO_CUT);
    harness.processElement2(new StreamRecord<>(new Enrichment(videoId, "a1", minutes(0),
        new String[] {"dance"}, "m1", answer)));
  }

  void pendingAnswer(String videoId) throws Exception {
    harness.processElement2(new StreamRecord<>(
        Enrichment.pending(videoId, "a1", minutes(0), new String[] {"dance"}, "m1")));
  }

  List<VideoDocument> documents() {
    return harness.extractOutputValues().stream().map(VideoUpdate::document).toList();
  }

  @Test
  void marksANewPostPendingUntilItsAnswerLandsAsOneMoreVersion() throws Exception {
    send(post("v1", "a1", minutes(0), "m1", "dance"));
    pendingAnswer("v1");
    answer("v1", 0.3);

    List<VideoDocument> docs = documents();
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).signals().pendingEnrichment()).isTrue();
    assertThat(docs.get(0).signals().embeddingModel()).isNull();
    VideoDocument enriched = docs.get(1);
    assertThat(enriched.version()).isEqualTo(2);
    assertThat(enriched.signals().pendingEnrichment()).isFalse();
    assertThat(enriched.signals().embeddingModel()).isEqualTo("minilm/1");
    assertThat(enriched.signals().viralityAtPost()).isEqualTo(0.3);
    assertThat(enriched.signals().virality()).isEqualTo(0.3);
    assertThat(enriched.signals().claimProbability()).isEqualTo(0.1);
    assertThat(enriched.signals().enrichedAt()).isEqualTo(ANSWERED_AT);
    assertThat(harness.extractOutputValues().get(1).change()).isEqualTo(VideoUpdate.ENRICHMENT);
  }

  @Test
  void keepsAnAnswerThatOvertookItsPostUntilThePostArrives() throws Exception {
    answer("v1", 0.3);
    assertThat(harness.extractOutputValues()).isEmpty();

    send(post("v1", "a1", minutes(0), "m1", "dance"));

    assertThat(documents()).extracting(d -> d.signals().pendingEnrichment()).containsExactly(true, false);
  }

  @Test
  void appliesOnlyTheFirstAnswerOfAVideo() throws Exception {
    send(post("v1", "a1", minutes(0), "m1", "dance"));
    answer("v1", 0.3);
    answer("v1", 0.9);

    assertThat(documents()).hasSize(2);
    assertThat(documents().get(1).signals().viralityAtPost()).isEqualTo(0.3);
  }

  @Test
  void carriesTheAnswerIntoLaterDocumentsAndMovesViralityWithTheViews() throws Exception {
    send(post("v1", "a1", minutes(0), "m1", "dance"));
    answer("v1", 0.5);
    // 12 hours old at exactly the cut (2 views per follower): no evidence either way.
    send(snapshot("v1", minutes(12 * 60), 1_999));
    // 24 hours old at 4x the cut: the evidence counts fully.
    send(snapshot("v1", minutes(24 * 60), 7_999));

    List<VideoDocument> docs = documents();
    VideoDocument atCut = docs.get(2);
    VideoDocument above = docs.get(3);
    assertThat(atCut.signals().embeddingModel()).isEqualTo("minilm/1");
    assertThat(atCut.signals().viralityAtPost()).isEqualTo(0.5);
    assertThat(atCut.signals().virality()).isCloseTo(0.5, within(1e-3));
    assertThat(above.signals().virality()).isCloseTo(0.8, within(1e-3));
    assertThat(above.version()).isEqualTo(4);
  }

  @Test
  void leavesTheDocumentsUnmarkedWhenEnrichmentIsOff() throws Exception {
    harness.close();
    harness = VideoJoinTest.harness(PipelineOptions.defaults());

    send(post("v1", "a1", minutes(0), "m1", "dance"));

    assertThat(documents().get(0).signals().pendingEnrichment()).isNull();
  }
}
