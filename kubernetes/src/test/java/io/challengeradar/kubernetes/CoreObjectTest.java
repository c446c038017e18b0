package io.challengeradar.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in object against the Kubernetes API's own model (fabric8's typed classes, generated
 * from the API's schema): it must parse into its typed class with nothing left over in
 * additionalProperties anywhere, which is where a misspelt or misplaced field lands. Then the
 * invariants: requests and limits on every container, probes on every server's container, on
 * ports the container declares.
 */
class CoreObjectTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void everyBuiltInObjectParsesIntoTheApisModelWithNoUnknownField(String overlay) {
    List<String> unknown = new ArrayList<>();
    for (HasMetadata o : typed(overlay)) {
      assertThat(o).as(o.getKind() + " " + o.getMetadata().getName())
          .isNotInstanceOf(GenericKubernetesResource.class);
      assertThat(o.getMetadata().getName()).isNotBlank();
      leftOver(o, o.getKind() + " " + o.getMetadata().getName(), unknown);
    }

    assertThat(unknown).isEmpty();
  }

  @Test
  void findsAFieldTheApiDoesNotKnow() {
    String yaml = Rendered.yaml("prod").replace("      serviceAccountName: radar-api\n",
        "      serviceAccountName: radar-api\n      serviceAcountName: typo\n");
    List<String> unknown = new ArrayList<>();
    Rendered.parse(yaml).stream().filter(d -> !Manifests.kindOf(generic(d)).custom())
        .map(CoreObjectTest::typed)
        .forEach(o -> leftOver(o, o.getKind() + " " + o.getMetadata().getName(), unknown));

    assertThat(unknown).singleElement().asString().contains("serviceAcountName");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void everyContainerHasRequestsAndLimitsAndEveryServerProbesOnAPortItDeclares(String overlay) {
    List<String> problems = new ArrayList<>();
    for (HasMetadata o : typed(overlay)) {
      PodSpec pod = o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
          : o instanceof Job j ? j.getSpec().getTemplate().getSpec() : null;
      if (pod == null) {
        continue;
      }
      for (Container c : pod.getContainers()) {
        String where = o.getKind() + " " + o.getMetadata().getName() + " " + c.getName();
        for (String r : List.of("cpu", "memory")) {
          if (c.getResources() == null || c.getResources().getRequests().get(r) == null
              || c.getResources().getLimits().get(r) == null) {
            problems.add(where + ": no " + r + " request and limit");
          }
        }
        if (o instanceof Deployment) {
          probe(where, "startup", c.getStartupProbe(), c.getPorts(), problems);
          probe(where, "readiness", c.getReadinessProbe(), c.getPorts(), problems);
          probe(where, "liveness", c.getLivenessProbe(), c.getPorts(), problems);
        }
      }
    }

    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "gpu"})
  void everyOperatorManagedPodHasResources(String overlay) {
    for (JsonNode d : Rendered.documents(overlay)) {
      switch (d.path("kind").asText()) {
        case "FlinkDeployment" -> {
          for (String role : List.of("jobManager", "taskManager")) {
            assertThat(d.at("/spec/" + role + "/resource/cpu").isNumber()).as(role).isTrue();
            assertThat(d.at("/spec/" + role + "/resource/memory").asText()).as(role).isNotBlank();
          }
        }
        case "KafkaNodePool" -> assertThat(d.at("/spec/resources/limits/memory").asText())
            .isNotBlank();
        case "Elasticsearch", "Kibana" -> d.at("/spec").findValues("containers")
            .forEach(cs -> cs.forEach(c -> assertThat(c.at("/resources/limits/memory").asText())
                .as(d.path("kind").asText()).isNotBlank()));
        default -> { }
      }
    }
  }

  private static void probe(String where, String kind, Probe p, List<ContainerPort> ports,
      List<String> problems) {
    if (p == null || p.getHttpGet() == null) {
      problems.add(where + ": no HTTP " + kind + " probe");
      return;
    }
    var port = p.getHttpGet().getPort();
    boolean declared = ports.stream().anyMatch(cp -> port.getStrVal() != null
        ? port.getStrVal().equals(cp.getName()) : port.getIntVal().equals(cp.getContainerPort()));
    if (!declared || p.getHttpGet().getPath() == null || !p.getHttpGet().getPath().startsWith("/")) {
      problems.add(where + ": " + kind + " probe on " + port + p.getHttpGet().getPath()
          + " names no declared port or no path");
    }
  }

  /** The overlay's built-in objects as their typed classes. */
  static List<HasMetadata> typed(String overlay) {
    return Rendered.documents(overlay).stream()
        .filter(d -> !Manifests.kindOf(generic(d)).custom()).map(CoreObjectTest::typed).toList();
  }

  private static HasMetadata typed(JsonNode d) {
    return (HasMetadata) SERIALIZATION.unmarshal(d.toString());
  }

  private static GenericKubernetesResource generic(JsonNode d) {
    return SERIALIZATION.convertValue(d, GenericKubernetesResource.class);
  }

  /** Every non-empty additionalProperties under {@code o}, with its path. */
  static void leftOver(Object o, String path, List<String> out) {
    if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean
        || o instanceof Enum<?>) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        leftOver(e, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> leftOver(v, path + "." + k, out));
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method g : o.getClass().getMethods()) {
      if (g.getParameterCount() != 0 || !g.getName().startsWith("get")
          || g.getDeclaringClass() == Object.class) {
        continue;
      }
      Object v;
      try {
        v = g.invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (g.getName().equals("getAdditionalProperties")) {
        if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add(path + ": unknown " + extra.keySet());
        }
      } else {
        leftOver(v, path + "." + g.getName().substring(3), out);
      }
    }
  }
}
