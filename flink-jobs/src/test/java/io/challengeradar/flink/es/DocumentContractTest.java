package io.challengeradar.flink.es;

import static io.challengeradar.flink.TestEvents.BEGINNING;
import static io.challengeradar.flink.TestEvents.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.DeadLetterFields;
import io.challengeradar.contract.DocumentCheck;
import io.challengeradar.contract.DocumentFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.enrich.EnrichmentWire;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoSignals;
import io.challengeradar.flink.ops.DeadLetters;
import io.challengeradar.flink.ops.VideoFeatures;
import io.challengeradar.serving.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every kind of document the job writes, built by the job's own code and serialized by {@link
 * Documents}, held against its index's template and the contract: no field the template lacks
 * (a strict template would refuse the document, and the sink would dead-letter it), every value
 * of a type its mapping takes, every required field present. The documents with every optional
 * field set also show that each of the contract's fields is written by the job, so the check
 * above covers the type of every field.
 */
class DocumentContractTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final Post POST = new Post("v1", "a1", BEGINNING, "milk crate stack #cratechallenge",
      List.of("cratechallenge"), "m1", 15, 1_000L, "@a1", "https://example.com/v1.jpg", "en",
      "US");
  static final EngagementSnapshot FIRST =
      new EngagementSnapshot("v1", minutes(30), 500, 50, 5, 10, 2L);
  static final EngagementSnapshot SECOND =
      new EngagementSnapshot("v1", minutes(90), 3_000, 300, 30, 60, 9L);

  static float[] vector() {
    float[] v = new float[384];
    v[0] = 1f;
    return v;
  }

  static final Wire.EnrichResponse ANSWER = new Wire.EnrichResponse("minilm", "virality", 2.0,
      "claims", List.of(new Wire.EnrichedPost("v1", vector(), 0.4f, 0.1f, "author-history")),
      List.of());

  /** The problems of the document {@code op} carries, checked as a document of its index. */
  static List<String> problems(EsOperation op) throws Exception {
    Index index = Index.named(op.index()).orElseThrow(
        () -> new AssertionError(op.index() + " is not an index of the contract"));
    return DocumentCheck.problems(index, JSON.readTree(op.source()));
  }

  /** Fields of the contract the document leaves null or out. */
  static Set<String> unset(EsOperation op, Set<String> neverWritten) throws Exception {
    JsonNode doc = JSON.readTree(op.source());
    DocumentFields fields = Index.named(op.index()).orElseThrow().fields();
    Set<String> unset = new TreeSet<>();
    for (String f : fields.names()) {
      if (!neverWritten.contains(f) && !doc.hasNonNull(f)) {
        unset.add(f);
      }
    }
    return unset;
  }

  static List<EsOperation> videos() {
    VideoDocument plain = VideoFeatures.ofPost(POST, VideoSignals.NONE);
    VideoDocument pending = VideoFeatures.ofPost(POST, VideoSignals.PENDING);
    VideoDocument observed = VideoFeatures.withSnapshot(pending, FIRST);
    VideoDocument twice = VideoFeatures.withSnapshot(observed, SECOND);
    VideoDocument superseded = VideoFeatures.withSupersededSnapshot(twice);
    VideoDocument enrichedAtPost = VideoFeatures.withEnrichment(pending,
        EnrichmentWire.answer(POST, ANSWER, 0, minutes(1)).answer(), minutes(1));
    VideoDocument enriched = VideoFeatures.withEnrichment(twice,
        EnrichmentWire.answer(POST, ANSWER, 0, minutes(95)).answer(), minutes(95));
    VideoDocument withoutHeads = VideoFeatures.withEnrichment(observed, EnrichmentWire.answer(
        POST, new Wire.EnrichResponse("minilm", null, null, null,
            List.of(new Wire.EnrichedPost("v1", vector(), null, null)), List.of()), 0,
        minutes(40)).answer(), minutes(40));
    return List.of(plain, pending, observed, twice, superseded, enrichedAtPost, enriched,
            withoutHeads).stream().map(Documents::video).toList();
  }

  static List<EsOperation> deadLetters() {
    List<EsOperation> letters = new ArrayList<>();
    letters.add(Documents.deadLetter(DeadLetters.of("{\"type\":\"post\"", DeadLetter.STAGE_PARSE,
        DeadLetter.REASON_INVALID, "$", "not JSON", Origin.kafka("radar-events", 2, 41), null)));
    letters.add(Documents.deadLetter(DeadLetters.of(new SourcedEvent(SECOND, "{}",
        Origin.file("events.ndjson", 7)), DeadLetter.STAGE_JOIN,
        DeadLetter.REASON_ORPHAN_SNAPSHOT, "no post for v1")));
    letters.add(Documents.deadLetter(new DeadLetter("{}", DeadLetter.STAGE_ENRICHMENT,
        DeadLetter.REASON_SERVING_TIMEOUT, null, "no answer after 61 attempts",
        Origin.kafka("radar.posts", 0, 3), minutes(1), minutes(90), 61)));
    BulkOutcomes outcomes = new BulkOutcomes(java.time.Duration.ofSeconds(1), 10, 10);
    EsOperation refused = Documents.video(VideoFeatures.ofPost(POST, VideoSignals.NONE));
    letters.addAll(outcomes.onResponse(List.of(refused), List.of(BulkOutcomes.ItemResult.of(
        BulkResponseItem.of(i -> i.operationType(OperationType.Index)
            .index(refused.index()).id(refused.id()).status(400)
            .error(e -> e.type("document_parsing_exception").reason("bad")))))).deadLetters());
    return letters;
  }

  static List<EsOperation> challenges() {
    ChallengeAssessment assessed =
        new ChallengeAssessment(DocumentsTest.ALERT, vector(), 12, 0.61, "Milk Crate");
    ChallengeAssessment withoutRisk =
        new ChallengeAssessment(DocumentsTest.ALERT, vector(), 3, null, null);
    return List.of(Documents.window(DocumentsTest.WINDOW),
        Documents.alert(DocumentsTest.ALERT), Documents.alert(assessed),
        Documents.alert(withoutRisk),
        Documents.stage(HashtagStage.of(DocumentsTest.ALERT)),
        Documents.stage(HashtagStage.of(assessed)), Documents.stage(HashtagStage.of(withoutRisk)),
        Documents.participation(participation("participation", "3")),
        Documents.participation(participation(null, null)));
  }

  static ParticipationPrediction participation(String model, String version) {
    return new ParticipationPrediction(TagKind.HASHTAG, "dance", "hashtag:dance", "u7", 0.83, 1,
        Stage.EMERGING, DocumentsTest.ALERT.id(), DocumentsTest.ALERT.detectedAt(), model,
        version, minutes(90), 8);
  }

  @Test
  void everyVideoDocumentFitsTheVideosTemplateWithOrWithoutEnrichment() throws Exception {
    for (EsOperation op : videos()) {
      assertThat(op.index()).isEqualTo(Index.VIDEOS.indexName());
      assertThat(problems(op)).as(new String(op.source())).isEmpty();
    }
  }

  @Test
  void everyDeadLetterFitsTheDeadLetterTemplate() throws Exception {
    List<EsOperation> letters = deadLetters();
    assertThat(letters).hasSize(4);
    for (EsOperation op : letters) {
      assertThat(op.index()).isEqualTo(Index.DEADLETTER.indexName());
      assertThat(problems(op)).as(new String(op.source())).isEmpty();
    }
  }

  @Test
  void everyWindowAlertStageAndPredictionFitsItsTemplate() throws Exception {
    for (EsOperation op : challenges()) {
      assertThat(problems(op)).as(op.index() + " " + new String(op.source())).isEmpty();
    }
  }

  /** Sound windows are left out: their template is the hashtag windows' (IndexContractTest). */
  @Test
  void theseDocumentsCoverEveryIndexTheJobWrites() {
    List<EsOperation> all = new ArrayList<>(videos());
    all.addAll(deadLetters());
    all.addAll(challenges());

    List<Index> expected = new ArrayList<>(Index.written());
    expected.remove(Index.SOUND_WINDOWS);
    assertThat(all).extracting(EsOperation::index).containsAll(Index.names(expected));
  }

  @Test
  void documentsWithEveryOptionalFieldSetFillEveryFieldOfTheContract() throws Exception {
    List<EsOperation> videos = videos();
    // The enriched document after two snapshots; thumbnailUrl is the raw bulk path's alone, tag
    // Elasticsearch's (copied from hashtags and musicId).
    assertThat(unset(videos.get(6), Set.of(VideoFields.THUMBNAIL_URL, VideoFields.TAG)))
        .isEmpty();
    List<EsOperation> challenges = challenges();
    assertThat(unset(challenges.get(0), Set.of())).isEmpty();
    assertThat(unset(challenges.get(2), Set.of())).isEmpty();
    assertThat(unset(challenges.get(5), Set.of())).isEmpty();
    assertThat(unset(challenges.get(7), Set.of())).isEmpty();
    // A parse failure has no event time, a refused valid event no field at fault, only an
    // enrichment give-up counts attempts; the replay marks are radar deadletters replay's alone
    // (DeadLetterReplayIT writes them).
    Set<String> replayMarks = Set.of(DeadLetterFields.REPLAYED_AT, DeadLetterFields.REPLAYED_TO);
    assertThat(unset(deadLetters().get(0), replayMarks))
        .containsExactly(DeadLetterFields.ATTEMPTS, DeadLetterFields.EVENT_TIME);
    assertThat(unset(deadLetters().get(1), replayMarks))
        .containsExactly(DeadLetterFields.ATTEMPTS, DeadLetterFields.FIELD);
    assertThat(unset(deadLetters().get(2), replayMarks)).containsExactly(DeadLetterFields.FIELD);
  }

  @Test
  void aFieldTheTemplateLacksIsFound() throws Exception {
    EsOperation video = Documents.video(VideoFeatures.ofPost(POST, VideoSignals.NONE));
    ObjectNode doc = (ObjectNode) JSON.readTree(video.source());
    doc.put("shareUrl", "https://example.com/v1");

    assertThat(DocumentCheck.problems(Index.VIDEOS, doc))
        .containsExactly("radar-videos.shareUrl: not in the template's mapping");
  }
}
