package io.challengeradar.app.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.challengeradar.app.Radar;
import io.challengeradar.app.config.Components;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.kubernetes.Kustomize;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests against what the components really read: every RADAR_* variable is an option's,
 * every settings key an option name (and the variable it feeds is that option's), the topics and
 * consumer group the job's. Rendered through {@code radar k8s render}, as an operator would.
 */
class KubernetesManifestsTest {
  /** Which component each container runs; the setup Job's installer reads the API's settings. */
  private static final Map<String, String> COMPONENT_OF_CONTAINER = Map.of(
      "flink-main-container", "job", "serving", "serving", "api", "api", "setup", "api");

  private static final Path MANIFESTS = Path.of("..").resolve(Kustomize.MANIFESTS);

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void everySettingTheManifestsGiveIsAnOptionOfTheComponentThatReadsIt(String overlay) {
    assertThat(settingProblems(render(overlay))).isEmpty();
  }

  /** Settings keys and RADAR_* variables that no option of the reading component stands for. */
  private static List<String> settingProblems(List<JsonNode> docs) {
    List<String> problems = new ArrayList<>();
    for (JsonNode container : containers(docs)) {
      String component = COMPONENT_OF_CONTAINER.get(container.path("name").asText());
      assertThat(component).as("component of container " + container.path("name")).isNotNull();
      Map<String, String> envOfKey = new HashMap<>();
      options(component).forEach(o -> envOfKey.put(o.key(), o.envVar()));
      for (JsonNode env : container.path("env")) {
        String name = env.path("name").asText();
        if (!name.startsWith("RADAR_")) {
          continue;
        }
        if (!envOfKey.containsValue(name)) {
          problems.add(component + ": " + name + " is no option's variable");
        }
        JsonNode ref = env.at("/valueFrom/configMapKeyRef").isMissingNode()
            ? env.at("/valueFrom/secretKeyRef") : env.at("/valueFrom/configMapKeyRef");
        String key = ref.path("key").asText();
        // username/password of ECK's basic-auth Secrets are theirs, not option names.
        boolean settingsKey = key.contains(".");
        if (settingsKey && !name.equals(envOfKey.get(key))) {
          problems.add(component + ": " + name + " is fed from key '" + key + "', which is "
              + (envOfKey.containsKey(key) ? "the option of " + envOfKey.get(key)
                  : "no option of " + component));
        }
      }
    }
    for (JsonNode d : docs) {
      String component = d.at("/metadata/labels/challengeradar.io~1settings").asText(null);
      boolean ourSecret = d.path("kind").asText().equals("Secret")
          && !d.path("type").asText().equals("kubernetes.io/basic-auth")
          && !d.at("/metadata/name").asText().equals("radar-es-roles");
      if (component == null && !ourSecret) {
        continue;
      }
      Set<String> known = new HashSet<>();
      (component == null ? allOptions() : options(component)).forEach(o -> known.add(o.key()));
      d.path("data").fieldNames().forEachRemaining(k -> {
        if (!known.contains(k)) {
          problems.add(d.at("/metadata/name").asText() + ": key '" + k + "' is no option of "
              + (component == null ? "any component" : component));
        }
      });
    }
    return problems;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void theTopicsAndTheConsumerGroupAreTheJobs(String overlay) {
    List<JsonNode> docs = render(overlay);
    Set<String> topics = docs.stream().filter(d -> d.path("kind").asText().equals("KafkaTopic"))
        .map(d -> d.at("/spec/topicName").asText(d.at("/metadata/name").asText()))
        .collect(Collectors.toSet());
    JsonNode jobUser = docs.stream().filter(d -> d.path("kind").asText().equals("KafkaUser")
        && d.at("/metadata/name").asText().equals("radar-job")).findFirst().orElseThrow();
    String groupId = docs.stream()
        .filter(d -> d.at("/metadata/name").asText().equals("radar-job-settings"))
        .map(d -> d.at("/data/source.kafka.group-id").asText()).findFirst().orElseThrow();

    assertThat(topics).containsExactlyInAnyOrder(PipelineSources.POSTS_TOPIC,
        PipelineSources.ENGAGEMENT_TOPIC);
    assertThat(jobUser.at("/spec/authorization/acls").findValuesAsText("name"))
        .containsExactlyInAnyOrder(PipelineSources.POSTS_TOPIC,
            PipelineSources.ENGAGEMENT_TOPIC, groupId);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void theServersListenOnThePortTheirProbesAndServicesUse(String overlay) {
    List<JsonNode> docs = render(overlay);
    for (String[] server : List.of(new String[] {"radar-serving", "radar-serving-settings",
        "serving.port"}, new String[] {"radar-api", "radar-api-settings", "api.port"})) {
      int configured = docs.stream().filter(d -> d.at("/metadata/name").asText().equals(server[1]))
          .findFirst().orElseThrow().at("/data/" + server[2]).asInt();
      JsonNode deployment = docs.stream().filter(d -> d.path("kind").asText().equals("Deployment")
          && d.at("/metadata/name").asText().equals(server[0])).findFirst().orElseThrow();

      assertThat(deployment.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
          .as(server[0] + " containerPort").isEqualTo(configured);
      assertThat(deployment.at("/spec/template/spec/containers/0/ports/0/name").asText())
          .isEqualTo("http");
    }
  }

  @Test
  void findsASettingKeyOrVariableNoComponentReads() {
    String yaml = renderYaml("prod")
        .replace("  serving.djl-cache: /tmp/djl-cache", "  serving.djl-cahce: /tmp/djl-cache")
        .replace("name: RADAR_API_PORT", "name: RADAR_API_PORTS");

    assertThat(settingProblems(parse(yaml))).containsExactlyInAnyOrder(
        "api: RADAR_API_PORTS is no option's variable",
        "api: RADAR_API_PORTS is fed from key 'api.port', which is the option of RADAR_API_PORT",
        "radar-serving-settings: key 'serving.djl-cahce' is no option of serving");
  }

  @Test
  void renderNamesTheOverlaysThereAreWhenOneIsMissing() {
    StringWriter err = new StringWriter();
    int code = Radar.commandLine().setErr(new PrintWriter(err)).execute("k8s", "render",
        "--overlay", "staging", "--manifests", MANIFESTS.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("no overlay 'staging'").contains("[dev, prod, gpu]");
  }

  private static List<JsonNode> render(String overlay) {
    return parse(renderYaml(overlay));
  }

  private static final Map<String, String> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

  private static String renderYaml(String overlay) {
    assumeTrue(Kustomize.onPath().available(), "kubectl is not on the PATH: not checked");
    return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::renderThroughTheCli);
  }

  private static String renderThroughTheCli(String overlay) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Radar.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("k8s", "render", "--overlay", overlay, "--manifests", MANIFESTS.toString());
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private static List<JsonNode> parse(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
        .readValues(yaml)) {
      it.forEachRemaining(d -> {
        if (d != null && !d.isEmpty()) {
          out.add(d);
        }
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /** Every container of the Deployments, Jobs and the FlinkDeployment's pod template. */
  private static List<JsonNode> containers(List<JsonNode> docs) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode d : docs) {
      switch (d.path("kind").asText()) {
        case "Deployment", "Job" -> d.at("/spec/template/spec/containers").forEach(out::add);
        case "FlinkDeployment" -> d.at("/spec/podTemplate/spec/containers").forEach(out::add);
        default -> { }
      }
    }
    return out;
  }

  private static List<Option<?>> options(String component) {
    return Components.groups(component).stream().flatMap(g -> g.options().stream()).distinct()
        .toList();
  }

  private static List<Option<?>> allOptions() {
    Map<String, Option<?>> all = new HashMap<>();
    for (OptionGroup g : Components.allGroups()) {
      g.options().forEach(o -> all.put(o.key(), o));
    }
    return List.copyOf(all.values());
  }

  private static String envVar(String key) {
    return "RADAR_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

}
