package io.challengeradar.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Before anything is applied: every custom kind the manifests use is served by its
 * CustomResourceDefinition at the version they use, and the operator that acts on it runs
 * somewhere in the cluster (found by the name its standard install gives its workload). Without
 * this, an apply would create resources no controller ever reconciles, and wait forever.
 */
final class Preflight {
  /** The workload each operator's standard install runs, by the operator's message. */
  private static final Map<String, String> OPERATOR_WORKLOADS = Map.of(
      Kind.FLINK, "Deployment flink-kubernetes-operator",
      Kind.STRIMZI, "Deployment strimzi-cluster-operator",
      Kind.ECK, "StatefulSet elastic-operator");

  private Preflight() {}

  static void check(KubernetesClient client, Manifests manifests, boolean operators,
      Consumer<String> progress) {
    List<String> missing = new ArrayList<>();
    for (Kind kind : manifests.customKinds()) {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
          .withName(kind.crdName()).get();
      if (crd == null) {
        missing.add("CustomResourceDefinition " + kind.crdName() + " (" + kind.kind()
            + "): install " + kind.operator());
      } else if (crd.getSpec().getVersions().stream()
          .noneMatch(v -> v.getName().equals(kind.version()) && Boolean.TRUE.equals(v.getServed()))) {
        missing.add("CustomResourceDefinition " + kind.crdName() + " does not serve "
            + kind.apiVersion() + " (it serves " + crd.getSpec().getVersions().stream()
                .map(v -> v.getName()).toList() + "): install " + kind.operator());
      }
    }
    if (operators && missing.isEmpty()) {
      missing.addAll(missingOperators(client, manifests, progress));
    }
    if (!missing.isEmpty()) {
      throw new MissingOperatorException(missing);
    }
  }

  private static List<String> missingOperators(KubernetesClient client, Manifests manifests,
      Consumer<String> progress) {
    Set<String> running;
    try {
      running = java.util.stream.Stream.concat(
          client.apps().deployments().inAnyNamespace().list().getItems().stream()
              .map(d -> "Deployment " + name(d)),
          client.apps().statefulSets().inAnyNamespace().list().getItems().stream()
              .map(s -> "StatefulSet " + name(s)))
          .collect(Collectors.toSet());
    } catch (KubernetesClientException e) {
      progress.accept("cannot list the operators' workloads (" + e.getCode()
          + "): checked their CustomResourceDefinitions only");
      return List.of();
    }
    List<String> missing = new ArrayList<>();
    manifests.customKinds().stream().map(Kind::operator).distinct()
        .filter(OPERATOR_WORKLOADS::containsKey)
        .filter(op -> !running.contains(OPERATOR_WORKLOADS.get(op)))
        .forEach(op -> missing.add("no " + OPERATOR_WORKLOADS.get(op)
            + " runs in any namespace: install " + op
            + " (or pass --skip-operator-check if it runs under another name)"));
    return missing;
  }

  private static String name(HasMetadata m) {
    return m.getMetadata().getName();
  }
}
