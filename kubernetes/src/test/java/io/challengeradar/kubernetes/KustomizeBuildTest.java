package io.challengeradar.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KustomizeBuildTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void everyOverlayBuildsIntoKindsTheDeployerKnows(String overlay) {
    Manifests m = Manifests.parse(Rendered.yaml(overlay));

    assertThat(m.resources()).extracting(r -> r.getKind())
        .contains("Namespace", "FlinkDeployment", "Kafka", "KafkaNodePool", "KafkaTopic",
            "KafkaUser", "Elasticsearch", "Kibana", "Deployment", "Job", "ServiceMonitor",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Ingress");
    assertThat(m.namespace()).isEqualTo("challenge-radar");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void noObjectIsDefinedTwice(String overlay) {
    List<String> ids = Rendered.documents(overlay).stream()
        .map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText())
        .toList();

    assertThat(ids).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod", "gpu"})
  void productionKeepsThreeCopiesOfEveryMessage(String overlay) {
    for (JsonNode d : Rendered.documents(overlay)) {
      if (d.path("kind").asText().equals("KafkaTopic")) {
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(d.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(2);
      }
      if (d.path("kind").asText().equals("Elasticsearch")) {
        assertThat(d.at("/spec/nodeSets/0/count").asInt()).isEqualTo(3);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpu"})
  void theGpuOverlayPutsTheServingTierOnAGpu(String overlay) {
    JsonNode serving = Rendered.documents(overlay).stream()
        .filter(d -> d.path("kind").asText().equals("Deployment")
            && d.at("/metadata/name").asText().equals("radar-serving"))
        .findFirst().orElseThrow();
    JsonNode pod = serving.at("/spec/template/spec");

    assertThat(pod.at("/containers/0/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
    assertThat(pod.at("/tolerations/0/key").asText()).isEqualTo("nvidia.com/gpu");
    assertThat(pod.at("/nodeSelector/nvidia.com~1gpu.present").asText()).isEqualTo("true");
    assertThat(Rendered.documents(overlay).stream()
        .filter(d -> d.at("/metadata/name").asText().equals("radar-serving-settings"))
        .map(d -> d.at("/data/serving.device").asText())).containsExactly("gpu");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void theJobCheckpointsWhereFlinkIsConfiguredToAndRestoresFrom(String overlay) {
    List<JsonNode> docs = Rendered.documents(overlay);
    JsonNode flink = docs.stream().filter(d -> d.path("kind").asText().equals("FlinkDeployment"))
        .findFirst().orElseThrow();
    String jobSetting = docs.stream()
        .filter(d -> d.at("/metadata/name").asText().equals("radar-job-settings"))
        .findFirst().orElseThrow().at("/data/job.checkpoints").asText();

    assertThat(jobSetting)
        .isEqualTo(flink.at("/spec/flinkConfiguration/execution.checkpointing.dir").asText());
    assertThat(flink.at("/spec/job/upgradeMode").asText()).isEqualTo("last-state");
    assertThat(flink.at("/spec/flinkConfiguration/high-availability.type").asText())
        .isEqualTo("kubernetes");
    assertThat(flink.at("/spec/flinkConfiguration/state.backend.type").asText())
        .isEqualTo("rocksdb");
  }
}
