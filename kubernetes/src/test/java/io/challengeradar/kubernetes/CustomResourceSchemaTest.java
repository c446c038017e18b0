package io.challengeradar.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every custom resource of every overlay against its operator's CRD, strictly. */
class CustomResourceSchemaTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void everyCustomResourceMatchesItsOperatorsSchema(String overlay) {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (JsonNode d : Rendered.documents(overlay)) {
      Kind kind = Kind.of(d.path("apiVersion").asText(), d.path("kind").asText());
      if (!kind.custom() || kind.kind().equals("ServiceMonitor")) {
        continue;
      }
      checked++;
      for (Error e : OperatorCrds.validate(d)) {
        problems.add(kind.kind() + " " + d.at("/metadata/name").asText() + ": " + e);
      }
    }

    assertThat(problems).isEmpty();
    assertThat(checked).as("custom resources checked").isGreaterThanOrEqualTo(9);
  }

  @Test
  void refusesAFieldTheOperatorDoesNotKnow() {
    ObjectNode kafka = (ObjectNode) first("prod", "Kafka").deepCopy();
    ((ObjectNode) kafka.path("spec").path("kafka")).put("replica", 3);

    assertThat(OperatorCrds.validate(kafka)).extracting(Error::getKeyword)
        .contains("additionalProperties");
  }

  @Test
  void refusesAFieldMisplacedInsideTheJobsPodTemplate() {
    ObjectNode flink = (ObjectNode) first("prod", "FlinkDeployment").deepCopy();
    ((ObjectNode) flink.at("/spec/podTemplate/spec/containers/0")).put("envFrm", "x");

    assertThat(OperatorCrds.validate(flink)).isNotEmpty();
  }

  @Test
  void refusesAFlinkVersionTheOperatorDoesNotRun() {
    ObjectNode flink = (ObjectNode) first("prod", "FlinkDeployment").deepCopy();
    ((ObjectNode) flink.path("spec")).put("flinkVersion", "v2_3");

    assertThat(OperatorCrds.validate(flink)).extracting(Error::getKeyword).contains("enum");
  }

  @Test
  void keepsOpenWhatTheSchemaLeavesOpen() {
    ObjectNode topic = (ObjectNode) first("prod", "KafkaTopic").deepCopy();
    ((ObjectNode) topic.at("/spec/config")).put("cleanup.policy", "compact");

    assertThat(OperatorCrds.validate(topic)).isEmpty();
  }

  private static JsonNode first(String overlay, String kind) {
    return Rendered.documents(overlay).stream()
        .filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
  }
}
