package io.challengeradar.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DocumentCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode letter() {
    ObjectNode d = JSON.createObjectNode();
    d.put(DeadLetterFields.RAW, "{");
    d.put(DeadLetterFields.STAGE, "parse");
    d.put(DeadLetterFields.REASON, "invalid");
    d.putNull(DeadLetterFields.FIELD);
    d.put(DeadLetterFields.DETAIL, "not JSON");
    ObjectNode origin = d.putObject(DeadLetterFields.ORIGIN);
    origin.put(DeadLetterFields.Origin.KIND, "file");
    origin.put(DeadLetterFields.Origin.NAME, "in.ndjson");
    origin.put(DeadLetterFields.Origin.PARTITION, -1);
    origin.put(DeadLetterFields.Origin.POSITION, 3);
    d.putNull(DeadLetterFields.EVENT_TIME);
    d.put(DeadLetterFields.AT, "2024-03-01T00:00:00Z");
    return d;
  }

  @Test
  void acceptsADocumentThatFollowsTheContract() {
    assertThat(DocumentCheck.problems(Index.DEADLETTER, letter())).isEmpty();
  }

  @Test
  void namesAFieldTheTemplateLacksEvenInsideAnObject() {
    ObjectNode d = letter();
    d.put("note", "x");
    ((ObjectNode) d.get(DeadLetterFields.ORIGIN)).put("host", "h");

    assertThat(DocumentCheck.problems(Index.DEADLETTER, d)).containsExactlyInAnyOrder(
        "radar-deadletter.note: not in the template's mapping",
        "radar-deadletter.origin.host: not in the template's mapping");
  }

  @Test
  void namesAValueOfTheWrongTypeAndAMissingRequiredField() {
    ObjectNode d = letter();
    d.remove(DeadLetterFields.REASON);
    d.put(DeadLetterFields.AT, "yesterday");
    ((ObjectNode) d.get(DeadLetterFields.ORIGIN)).put(DeadLetterFields.Origin.POSITION, "3");

    assertThat(DocumentCheck.problems(Index.DEADLETTER, d)).hasSize(3)
        .anyMatch(p -> p.startsWith("radar-deadletter.reason: required"))
        .anyMatch(p -> p.startsWith("radar-deadletter.at:") && p.contains("date"))
        .anyMatch(p -> p.startsWith("radar-deadletter.origin.position:") && p.contains("long"));
  }

  @Test
  void checksDenseVectorsByTheirDimensions() {
    ObjectNode stage = JSON.createObjectNode();
    stage.putArray(StageFields.REPRESENTATION).add(1.0).add(0.0);

    assertThat(DocumentCheck.problems(Index.HASHTAGS, stage))
        .anyMatch(p -> p.startsWith("radar-hashtags.representation: expected 384 numbers"));
  }
}
