package io.challengeradar.flink.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.enrich.EnrichAttempt;
import io.challengeradar.flink.enrich.EnrichAttemptSerializer;
import io.challengeradar.flink.es.EsOperation;
import io.challengeradar.flink.es.EsOperationSerializer;
import io.challengeradar.flink.intel.TagVector;
import io.challengeradar.flink.intel.TagVectorSerializer;
import io.challengeradar.flink.intel.UserVideo;
import io.challengeradar.flink.intel.UserVideoSerializer;
import io.challengeradar.flink.ops.VideoFeatures;
import io.challengeradar.serving.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records exchanged between tasks on every event (the tag activities to the trend windows,
 * the video documents, the serving tier's answers and the calls' outcomes, the authors'
 * observations, the vectors to the intelligence, every write to the sink) and those of every
 * window (the windows in the detector's and CEP state, the volumes, the alerts) go through
 * explicit, versioned serializers instead of Flink's reflective POJO serializer (see also {@link
 * ShuffledTypesTest}): each one is what Flink
 * picks for the type, gives back an equal record with every field set and with every nullable
 * field null, and restores itself from its snapshot as compatible.
 */
class ExplicitSerializersTest {
  private static final Instant POSTED = Instant.parse("2024-03-01T00:00:00Z");

  /** A record, the serializer Flink must pick for its type, and one value. */
  record Case<T>(String name, Class<T> type, TypeSerializer<T> expected, T value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case<?>> cases() {
    Post full = new Post("v1", "a1", POSTED, "milk crate #dance", List.of("dance", "milk"), "m1",
        21, 1_500L, "@a1", "https://thumbs/v1.jpg", "en", "US");
    Enrichment.Answer answer = new Enrichment.Answer(new float[] {0.25f, -0.5f}, "minilm/1", 0.3,
        "virality/3", "author-history", 0.12, "claims/2", POSTED.plusSeconds(5), 2.0);
    VideoDocument enriched = VideoFeatures.withSnapshot(VideoFeatures.withEnrichment(
        VideoFeatures.withSnapshot(VideoFeatures.ofPost(full, VideoSignals.PENDING),
            new EngagementSnapshot("v1", POSTED.plusSeconds(3600), 1_200, 150, 30, 12, 4L)),
        answer, POSTED.plusSeconds(3700)),
        new EngagementSnapshot("v1", POSTED.plusSeconds(7200), 9_000, 1_000, 210, 90, null));
    VideoDocument minimal = VideoFeatures.ofPost(
        Post.of("v2", "a2", POSTED, "", List.of(), null, null), VideoSignals.NONE);
    WindowStats window = new WindowStats(TagKind.HASHTAG, "dance", POSTED,
        POSTED.plusSeconds(3600),
        new WindowStats.Counts(12, 10, 8, 40, 5_000, 0.25, 6, 3_000),
        new WindowStats.Trend(300, 0.026, 20, 0.021, 0.004, 1.2, 5.25, 7.5, 0.02, 0.018, 7.5,
            0.021),
        POSTED.minusSeconds(7200), new String[] {"v1", "v2"}, new String[] {"a1"});
    WindowStats bareWindow = new WindowStats(TagKind.SOUND, "m1", POSTED,
        POSTED.plusSeconds(3600), new WindowStats.Counts(1, 1, 1, 1, 0, 1, 0, 0),
        WindowStats.Trend.NONE, null, null, null);
    WindowStats[] series = {bareWindow, window};
    ChallengeAlert alert = ChallengeAlert.match(Stage.EMERGING, series, new String[] {"v1"})
        .raised(2, POSTED.plusSeconds(3600));
    ChallengeAlert bareAlert = new ChallengeAlert(null, TagKind.SOUND, "m1", Stage.FADING, null,
        null, 0, new ChallengeAlert.Evidence(0, 0, 0, 0, 0, 0, null), null, null, null);
    SourcedEvent sourced = new SourcedEvent(full, "{\"raw\":1}",
        new Origin("file", "events.ndjson", 0, 42L));
    return Stream.of(
        new Case<>("tag activity, new post", TagActivity.class, TagActivitySerializer.INSTANCE,
            new TagActivity(TagKind.HASHTAG, "dance", "v1", "a1", 1_000L, true, 0)),
        new Case<>("tag activity, views", TagActivity.class, TagActivitySerializer.INSTANCE,
            new TagActivity(TagKind.SOUND, "m1", "v1", null, 2_000L, false, 1_234)),
        new Case<>("video, every field", VideoDocument.class, VideoDocumentSerializer.INSTANCE,
            enriched),
        new Case<>("video, pending", VideoDocument.class, VideoDocumentSerializer.INSTANCE,
            VideoFeatures.ofPost(full, VideoSignals.PENDING)),
        new Case<>("video, minimal", VideoDocument.class, VideoDocumentSerializer.INSTANCE,
            minimal),
        new Case<>("enrichment, answered", Enrichment.class, EnrichmentSerializer.INSTANCE,
            new Enrichment("v1", "a1", POSTED, new String[] {"dance"}, "m1", answer)),
        new Case<>("enrichment, answer without heads", Enrichment.class,
            EnrichmentSerializer.INSTANCE, new Enrichment("v1", "a1", POSTED, new String[0], null,
                new Enrichment.Answer(new float[384], "minilm-q/1", null, null, null, null, null,
                    POSTED, null))),
        new Case<>("enrichment, pending", Enrichment.class, EnrichmentSerializer.INSTANCE,
            Enrichment.pending("v1", null, null, null, null)),
        new Case<>("write, versioned", EsOperation.class, EsOperationSerializer.INSTANCE,
            new EsOperation("radar-videos", "v1", "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8),
                7L, 2, 1_700_000_000_000L)),
        new Case<>("window, every field", WindowStats.class, WindowStatsSerializer.INSTANCE,
            window),
        new Case<>("window, not yet measured", WindowStats.class,
            WindowStatsSerializer.INSTANCE, bareWindow),
        new Case<>("alert, raised", ChallengeAlert.class, ChallengeAlertSerializer.INSTANCE,
            alert),
        new Case<>("alert, nulls", ChallengeAlert.class, ChallengeAlertSerializer.INSTANCE,
            bareAlert),
        new Case<>("window volume", WindowVolume.class, WindowVolumeSerializer.INSTANCE,
            new WindowVolume(TagKind.SOUND, 1_700_000_000_000L, 321, 17)),
        new Case<>("author observation", AuthorObservation.class,
            AuthorObservationSerializer.INSTANCE,
            new AuthorObservation("a1", "v1", 1_000L, 2_000L, 1_500L, 90L)),
        new Case<>("author observation, nulls", AuthorObservation.class,
            AuthorObservationSerializer.INSTANCE,
            new AuthorObservation(null, null, 0L, 0L, 0L, 0L)),
        new Case<>("enrich attempt, with history", EnrichAttempt.class,
            EnrichAttemptSerializer.INSTANCE, new EnrichAttempt(sourced,
                new Wire.AuthorHistory(3, 7.5, 1.25, 0.08, 36.0),
                new Enrichment("v1", "a1", POSTED, new String[] {"dance"}, "m1", answer))),
        new Case<>("enrich attempt, pending", EnrichAttempt.class,
            EnrichAttemptSerializer.INSTANCE, new EnrichAttempt(sourced,
                Enrichment.pending("v1", "a1", POSTED, new String[0], null))),
        new Case<>("tag vector", TagVector.class, TagVectorSerializer.INSTANCE,
            new TagVector("hashtag:dance", "v1", new float[] {0.5f, -0.25f})),
        new Case<>("tag vector, nulls", TagVector.class, TagVectorSerializer.INSTANCE,
            new TagVector("sound:m1", null, null)),
        new Case<>("user video", UserVideo.class, UserVideoSerializer.INSTANCE,
            new UserVideo("a1", "v1", 1_000L, new String[] {"hashtag:dance"},
                new float[] {0.125f})),
        new Case<>("user video, nulls", UserVideo.class, UserVideoSerializer.INSTANCE,
            new UserVideo(null, null, 0L, null, null)),
        new Case<>("write, unversioned", EsOperation.class, EsOperationSerializer.INSTANCE,
            EsOperation.of("radar-embeddings", "v\u00e9" + "x".repeat(70_000), new byte[0],
                null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  <T> void flinkPicksTheExplicitSerializerForTheType(Case<T> c) {
    TypeInformation<T> info = TypeInformation.of(c.type());
    assertThat(info).isInstanceOf(SerializerTypeInfo.class);
    assertThat(info.createSerializer(new SerializerConfigImpl())).isSameAs(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  <T> void givesBackAnEqualRecord(Case<T> c) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    c.expected().serialize(c.value(), out);
    byte[] bytes = out.getCopyOfBuffer();

    T back = c.expected().deserialize(new DataInputDeserializer(bytes));
    assertThat(back).usingRecursiveComparison().isEqualTo(c.value());
    // Copying the serialized form (what a network channel may do) keeps every byte.
    DataOutputSerializer copied = new DataOutputSerializer(64);
    c.expected().copy(new DataInputDeserializer(bytes), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  <T> void restoresFromItsSnapshotAsCompatible(Case<T> c) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, c.expected().snapshotConfiguration());

    TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(restored).isInstanceOf(c.expected().snapshotConfiguration().getClass());
    assertThat(restored.restoreSerializer()).isSameAs(c.expected());
    TypeSerializerSchemaCompatibility<T> compatibility =
        c.expected().snapshotConfiguration().resolveSchemaCompatibility(restored);
    assertThat(compatibility.isCompatibleAsIs()).isTrue();
  }
}
