package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.model.Stage;
import io.challengeradar.flink.model.TagKind;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoSignals;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.ops.VideoFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document the job writes, byte for byte as the analysts' indices have it: a fully and a
 * minimally populated instance of each record, written through {@link Documents}, against the
 * operation (index, id, version, JSON with its field order and its nulls) kept under
 * {@code golden/}. A change to a record that changes what lands in Elasticsearch fails here;
 * the golden files change only with the document contract.
 */
class DocumentsGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant POSTED = Instant.parse("2024-03-01T00:00:00Z");

  static Stream<Arguments> documents() {
    Map<String, Supplier<EsOperation>> cases = new java.util.LinkedHashMap<>();
    cases.put("video-minimal", () -> Documents.video(minimalVideo()));
    cases.put("video-pending", () -> Documents.video(pendingVideo()));
    cases.put("video-full", () -> Documents.video(fullVideo()));
    cases.put("window-minimal", () -> Documents.window(minimalWindow()));
    cases.put("window-full", () -> Documents.window(fullWindow()));
    cases.put("alert-minimal", () -> Documents.alert(minimalAlert()));
    cases.put("alert-full", () -> Documents.alert(fullAssessment()));
    cases.put("stage-minimal", () -> Documents.stage(HashtagStage.of(minimalAlert())));
    cases.put("stage-full", () -> Documents.stage(HashtagStage.of(fullAssessment())));
    cases.put("participation-minimal", () -> Documents.participation(minimalParticipation()));
    cases.put("participation-full", () -> Documents.participation(fullParticipation()));
    cases.put("deadletter-minimal", () -> Documents.deadLetter(minimalDeadLetter()));
    cases.put("deadletter-full", () -> Documents.deadLetter(fullDeadLetter()));
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void writesExactlyTheGoldenDocument(String name, Supplier<EsOperation> write)
      throws IOException {
    assertThat(written(write.get())).isEqualTo(golden(name));
  }

  /** The operation as one JSON object, pretty-printed in the order the writer produced. */
  static String written(EsOperation op) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("index", op.index());
    o.put("id", op.id());
    if (op.version() == null) {
      o.putNull("version");
    } else {
      o.put("version", op.version());
    }
    o.set("source", JSON.readTree(op.source()));
    return o.toPrettyString() + "\n";
  }

  static String golden(String name) throws IOException {
    try (InputStream in = DocumentsGoldenTest.class.getResourceAsStream(
        "golden/" + name + ".json")) {
      assertThat(in).as("golden/" + name + ".json").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // Videos are built by the job's own feature functions, as VideoJoin builds them.

  /** A post with only its required fields, in a pipeline that does not enrich. */
  static VideoDocument minimalVideo() {
    return VideoFeatures.ofPost(
        Post.of("v-min", "a-min", POSTED, "", List.of(), null, null), VideoSignals.NONE);
  }

  /** A post with every optional field, waiting for its enrichment. */
  static VideoDocument pendingVideo() {
    return VideoFeatures.ofPost(fullPost(), VideoSignals.PENDING);
  }

  /** Observed, enriched, then observed again: every field set. */
  static VideoDocument fullVideo() {
    VideoDocument d = pendingVideo();
    d = VideoFeatures.withSnapshot(d, new EngagementSnapshot(
        "v-full", POSTED.plusSeconds(3600), 1_200, 150, 30, 12, 4L));
    d = VideoFeatures.withEnrichment(d, new Enrichment("v-full", "a-full", POSTED,
        new String[] {"dance", "milk"}, "m-full", false, new float[] {0.25f, -0.5f, 0.125f},
        "minilm/1", 0.3, "virality/3", 0.12, "claims/2", POSTED.plusSeconds(5), 2.0),
        POSTED.plusSeconds(3700));
    d = VideoFeatures.withSupersededSnapshot(d);
    return VideoFeatures.withSnapshot(d, new EngagementSnapshot(
        "v-full", POSTED.plusSeconds(3 * 3600), 9_000, 1_000, 210, 90, 40L));
  }

  static Post fullPost() {
    return new Post("v-full", "a-full", POSTED, "milk crate #dance", List.of("dance", "milk"),
        "m-full", 21, 1_500L, "@full", "https://thumbs/v-full.jpg", "en", "US");
  }

  static WindowStats minimalWindow() {
    return new WindowStats(TagKind.SOUND, "m-min", POSTED, POSTED.plusSeconds(3600),
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, POSTED, new String[0], new String[0]);
  }

  static WindowStats fullWindow() {
    return new WindowStats(TagKind.HASHTAG, "dance", POSTED.plusSeconds(3 * 3600),
        POSTED.plusSeconds(4 * 3600), 7, 6, 5, 12, 3_400, 0.7142857142857143, 3, 1_000, 9, 1.5,
        3.0, 3.25, POSTED, new String[] {"v1", "v2"}, new String[] {"a1", "a2", "a3"});
  }

  static ChallengeAlert minimalAlert() {
    WindowStats w = minimalWindow();
    return new ChallengeAlert(
        ChallengeAlert.idFor(w.kind(), w.tag(), Stage.FADING, w.windowEnd()), w.kind(), w.tag(),
        Stage.FADING, w.windowEnd(), w.firstSeen(), new WindowStats[] {w}, new String[0],
        new String[0]);
  }

  static ChallengeAssessment fullAssessment() {
    WindowStats before = new WindowStats(TagKind.HASHTAG, "dance", POSTED.plusSeconds(2 * 3600),
        POSTED.plusSeconds(3 * 3600), 4, 4, 3, 7, 1_000, 0.75, 1, 200, 4, 1.0, 2.0, 2.0, POSTED,
        new String[] {"v0"}, new String[] {"a1", "a2"});
    WindowStats trigger = fullWindow();
    ChallengeAlert alert = new ChallengeAlert(
        ChallengeAlert.idFor(TagKind.HASHTAG, "dance", Stage.ACCELERATING, trigger.windowEnd()),
        TagKind.HASHTAG, "dance", Stage.ACCELERATING, trigger.windowEnd(), POSTED,
        new WindowStats[] {before, trigger}, new String[] {"v2", "v1", "v0"},
        new String[] {"a1", "a2", "a3"});
    return new ChallengeAssessment(alert, new float[] {0.5f, 0.25f, -0.75f}, 12, 0.61,
        "Milk Crate");
  }

  static ParticipationPrediction minimalParticipation() {
    return new ParticipationPrediction(TagKind.SOUND, "m-min", "sound:m-min", "u-min", 0.0, 1,
        Stage.EMERGING, "round-min", POSTED, null, null, null, 0);
  }

  static ParticipationPrediction fullParticipation() {
    ChallengeAlert a = fullAssessment().alert();
    return new ParticipationPrediction(TagKind.HASHTAG, "dance", "hashtag:dance", "u7", 0.83, 2,
        a.stage(), a.id(), a.detectedAt(), "participation", "3", POSTED.plusSeconds(4 * 3600 + 2),
        8);
  }

  static DeadLetter minimalDeadLetter() {
    return new DeadLetter("{", DeadLetter.STAGE_PARSE, DeadLetter.REASON_INVALID, null,
        "not JSON", Origin.file("events.ndjson", 3), null, POSTED);
  }

  static DeadLetter fullDeadLetter() {
    return new DeadLetter("{\"videoId\":\"v9\"}", DeadLetter.STAGE_JOIN,
        DeadLetter.REASON_ORPHAN_SNAPSHOT, "videoId", "no post for video v9",
        Origin.kafka("radar.snapshots", 2, 417), POSTED.plusSeconds(60),
        POSTED.plusSeconds(7200));
  }
}
