package io.challengeradar.flink.es;

import static io.challengeradar.flink.model.Windows.aWindow;
import static io.challengeradar.flink.model.Windows.alertOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoSignals;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.ops.VideoFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
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

  /** One document: the record, its type in the job, and how the job writes it. */
  record Case<T>(String name, Supplier<T> record, Class<T> type, Function<T, EsOperation> write) {
    EsOperation written() {
      return write.apply(record.get());
    }

    /** Written after a trip through Flink's serializer, as between operators and in state. */
    EsOperation writtenAfterSerializing() throws IOException {
      TypeSerializer<T> serializer =
          TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
      DataOutputSerializer out = new DataOutputSerializer(1024);
      serializer.serialize(record.get(), out);
      return write.apply(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case<?>> documents() {
    return Stream.of(
        new Case<>("video-minimal", DocumentsGoldenTest::minimalVideo, VideoDocument.class,
            Documents::video),
        new Case<>("video-pending", DocumentsGoldenTest::pendingVideo, VideoDocument.class,
            Documents::video),
        new Case<>("video-full", DocumentsGoldenTest::fullVideo, VideoDocument.class,
            Documents::video),
        new Case<>("window-minimal", DocumentsGoldenTest::minimalWindow, WindowStats.class,
            Documents::window),
        new Case<>("window-full", DocumentsGoldenTest::fullWindow, WindowStats.class,
            Documents::window),
        new Case<>("alert-minimal", DocumentsGoldenTest::minimalAlert, ChallengeAlert.class,
            Documents::alert),
        new Case<>("alert-full", DocumentsGoldenTest::fullAssessment, ChallengeAssessment.class,
            Documents::alert),
        new Case<>("stage-minimal", () -> HashtagStage.of(minimalAlert()), HashtagStage.class,
            Documents::stage),
        new Case<>("stage-full", () -> HashtagStage.of(fullAssessment()), HashtagStage.class,
            Documents::stage),
        new Case<>("participation-minimal", DocumentsGoldenTest::minimalParticipation,
            ParticipationPrediction.class, Documents::participation),
        new Case<>("participation-full", DocumentsGoldenTest::fullParticipation,
            ParticipationPrediction.class, Documents::participation),
        new Case<>("deadletter-minimal", DocumentsGoldenTest::minimalDeadLetter,
            DeadLetter.class, Documents::deadLetter),
        new Case<>("deadletter-full", DocumentsGoldenTest::fullDeadLetter, DeadLetter.class,
            Documents::deadLetter),
        new Case<>("deadletter-enrichment", DocumentsGoldenTest::enrichmentDeadLetter,
            DeadLetter.class, Documents::deadLetter));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void writesExactlyTheGoldenDocument(Case<?> c) throws IOException {
    assertThat(written(c.written())).isEqualTo(golden(c.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void writesTheSameDocumentAfterFlinkSerializedTheRecord(Case<?> c) throws IOException {
    assertThat(written(c.writtenAfterSerializing())).isEqualTo(golden(c.name()));
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
    d = VideoFeatures.withEnrichment(d, new Enrichment.Answer(
        new float[] {0.25f, -0.5f, 0.125f}, "minilm/1", 0.3, "virality/3", "author-history", 0.12,
        "claims/2",
        POSTED.plusSeconds(5), 2.0), POSTED.plusSeconds(3700));
    d = VideoFeatures.withSupersededSnapshot(d);
    return VideoFeatures.withSnapshot(d, new EngagementSnapshot(
        "v-full", POSTED.plusSeconds(3 * 3600), 9_000, 1_000, 210, 90, 40L));
  }

  static Post fullPost() {
    return new Post("v-full", "a-full", POSTED, "milk crate #dance", List.of("dance", "milk"),
        "m-full", 21, 1_500L, "@full", "https://thumbs/v-full.jpg", "en", "US");
  }

  /** A sound's window in which nothing happened. */
  static WindowStats minimalWindow() {
    return aWindow().sound("m-min").hourFrom(POSTED).firstSeen(POSTED).build();
  }

  static WindowStats fullWindow() {
    return aWindow().hashtag("dance").hourFrom(POSTED.plusSeconds(3 * 3600))
        .newPosts(7).participants(6).newParticipants(5).cumulativeParticipants(12)
        .viewsGained(3_400).participantGrowth(0.7142857142857143)
        .previousNewParticipants(3).previousViewsGained(1_000)
        .windowVolume(50).share(0.1).baselineShare(0.025).expectedNewParticipants(1.25)
        .lift(4.0).score(4.25).previousShare(0.075).peakScore(4.25)
        .firstSeen(POSTED).sampleVideos("v1", "v2").earliestParticipants("a1", "a2", "a3")
        .build();
  }

  static ChallengeAlert minimalAlert() {
    return alertOn(Stage.FADING, minimalWindow());
  }

  static ChallengeAssessment fullAssessment() {
    WindowStats before = aWindow().hashtag("dance").hourFrom(POSTED.plusSeconds(2 * 3600))
        .newPosts(4).participants(4).newParticipants(3).cumulativeParticipants(7)
        .viewsGained(1_000).participantGrowth(0.75)
        .previousNewParticipants(1).previousViewsGained(200)
        .windowVolume(40).share(0.075).baselineShare(0.025).expectedNewParticipants(1.0)
        .lift(3.0).score(2.5).previousShare(0.025).peakScore(2.5)
        .firstSeen(POSTED).sampleVideos("v0").earliestParticipants("a1", "a2")
        .build();
    WindowStats trigger = fullWindow();
    ChallengeAlert alert = ChallengeAlert.match(Stage.ACCELERATING,
        new WindowStats[] {before, trigger}, new String[] {"v2", "v1", "v0"})
        .raised(2, trigger.windowEnd());
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

  /** A post the serving tier never answered for. */
  static DeadLetter enrichmentDeadLetter() {
    return new DeadLetter("{\"videoId\":\"v9\"}", DeadLetter.STAGE_ENRICHMENT,
        DeadLetter.REASON_SERVING_UNREACHABLE, null,
        "no answer from the serving tier after 61 attempts", Origin.kafka("radar.posts", 0, 12),
        POSTED, POSTED.plusSeconds(3 * 3600), 61);
  }
}
