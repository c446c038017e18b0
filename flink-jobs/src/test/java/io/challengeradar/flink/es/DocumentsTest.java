package io.challengeradar.flink.es;

import static io.challengeradar.flink.model.Windows.aWindow;
import static io.challengeradar.flink.model.Windows.alertOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.contract.IndexTemplates;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.TestEvents;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.model.Windows;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The templates map their fields strictly, so a document with a field the template lacks would be
 * refused: every document must have exactly the template's fields.
 */
class DocumentsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final WindowStats WINDOW = aWindow().hashtag("dance").hourFrom(TestEvents.BEGINNING)
      .newPosts(3).participants(3).newParticipants(2).cumulativeParticipants(5)
      .participantGrowth(0.66).score(0.67).sampleVideos("v1").earliestParticipants("a1")
      .build();
  static final ChallengeAlert ALERT = alertOn(Stage.EMERGING, WINDOW);

  static Set<String> templateFields(String index, String path) throws Exception {
    try (InputStream in = DocumentsTest.class.getResourceAsStream(
        "/" + IndexTemplates.FOLDER + index + ".json")) {
      JsonNode props = JSON.readTree(in).at("/template/mappings/properties" + path);
      return names(props);
    }
  }

  static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    Iterator<String> it = object.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  static JsonNode document(EsOperation op) throws Exception {
    return JSON.readTree(op.source());
  }

  @Test
  void windowDocumentsHaveExactlyTheFieldsOfBothWindowTemplates() throws Exception {
    EsOperation op = Documents.window(WINDOW);

    assertThat(op.index()).isEqualTo("radar-hashtag-windows");
    assertThat(op.id()).isEqualTo("hashtag:dance:" + TestEvents.BEGINNING.toEpochMilli());
    assertThat(names(document(op))).isEqualTo(templateFields("radar-hashtag-windows", ""));
    assertThat(names(document(op))).isEqualTo(templateFields("radar-sound-windows", ""));
    assertThat(document(op).get("kind").asText()).isEqualTo("hashtag");
    assertThat(document(op).get("windowStart").asText()).isEqualTo("2024-03-01T00:00:00Z");
  }

  @Test
  void writesOnlyWindowsWithAPostOrViewsGained() {
    // The window after a busy one: the tag's totals and its previous window are not activity.
    Windows.Builder afterBusyWindow = aWindow().hourFrom(TestEvents.minutes(60))
        .cumulativeParticipants(5).previousNewParticipants(2).previousViewsGained(900)
        .windowVolume(30).share(0.1).baselineShare(0.05).score(0.67).peakScore(0.8);
    WindowStats idle = afterBusyWindow.build();
    WindowStats viewsOnly = afterBusyWindow.sound("m1").viewsGained(40).build();

    assertThat(Documents.worthWriting(WINDOW)).isTrue();
    assertThat(Documents.worthWriting(viewsOnly)).isTrue();
    assertThat(Documents.worthWriting(idle)).isFalse();
  }

  @Test
  void alertDocumentsHaveExactlyTheFieldsOfTheirTemplate() throws Exception {
    JsonNode doc = document(Documents.alert(ALERT));

    assertThat(names(doc)).isEqualTo(templateFields("radar-challenge-alerts", ""));
    assertThat(names(doc.get("windows").get(0)))
        .isEqualTo(templateFields("radar-challenge-alerts", "/windows/properties"));
    assertThat(doc.get("stage").asText()).isEqualTo("EMERGING");
  }

  @Test
  void stageDocumentsHaveExactlyTheFieldsOfTheirTemplateAndAreVersionedByTime() throws Exception {
    EsOperation op = Documents.stage(HashtagStage.of(ALERT));

    assertThat(names(document(op))).isEqualTo(templateFields("radar-hashtags", ""));
    assertThat(op.id()).isEqualTo("hashtag:dance");
    assertThat(op.version()).isEqualTo(WINDOW.windowEnd().toEpochMilli());
  }

  @Test
  void assessedAlertsAndStagesCarryRiskAndTheRepresentation() throws Exception {
    float[] vector = new float[384];
    vector[0] = 1f;
    ChallengeAssessment assessed = new ChallengeAssessment(ALERT, vector, 12, 0.61, "Milk Crate");

    JsonNode alert = document(Documents.alert(assessed));
    JsonNode stage = document(Documents.stage(HashtagStage.of(assessed)));

    assertThat(names(alert)).isEqualTo(templateFields("radar-challenge-alerts", ""));
    assertThat(alert.get("risk").asDouble()).isEqualTo(0.61);
    assertThat(alert.get("nearestHarmful").asText()).isEqualTo("Milk Crate");
    assertThat(alert.get("representationVideos").asLong()).isEqualTo(12);
    assertThat(names(stage)).isEqualTo(templateFields("radar-hashtags", ""));
    assertThat(stage.get("representation")).hasSize(384);
    assertThat(stage.get("growth").asDouble()).isEqualTo(0.66);
    assertThat(stage.get("newParticipants").asLong()).isEqualTo(2);
  }

  @Test
  void participationDocumentsHaveExactlyTheFieldsOfTheirTemplateAndAreVersionedByRound()
      throws Exception {
    ParticipationPrediction p = new ParticipationPrediction(TagKind.HASHTAG, "dance",
        "hashtag:dance", "u7", 0.83, 1, Stage.EMERGING, ALERT.id(), ALERT.detectedAt(),
        "participation", "3", TestEvents.minutes(90), 8);

    EsOperation op = Documents.participation(p);

    assertThat(names(document(op))).isEqualTo(templateFields("radar-participation", ""));
    assertThat(op.id()).isEqualTo("hashtag:dance:u7");
    assertThat(op.version()).isEqualTo(ALERT.detectedAt().toEpochMilli());
    assertThat(document(op).get("scoredAt").asText()).isEqualTo("2024-03-01T01:30:00Z");
  }
}
