package io.challengeradar.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Stands in for the controllers on the mock server: a thread that writes the status each
 * operator would once the resource exists, and records what else existed at that moment (how the
 * tests see that the deployer waited).
 */
final class FakeOperators implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
  /** Per kind, the status to write; absent kinds are left without one. */
  final Map<String, Function<GenericKubernetesResource, Map<String, Object>>> statuses =
      new ConcurrentHashMap<>();
  /** "Kind name" in the order their status was written, with what existed then. */
  final List<String> readied = new CopyOnWriteArrayList<>();
  final Map<String, List<String>> existingWhenReadied = new ConcurrentHashMap<>();

  FakeOperators(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    statuses.put("Kafka", r -> strimziReady());
    statuses.put("KafkaTopic", r -> strimziReady());
    statuses.put("KafkaUser", r -> strimziReady());
    statuses.put("Elasticsearch", r -> Map.of("phase", "Ready", "health", "green"));
    statuses.put("Kibana", r -> Map.of("health", "green"));
    statuses.put("Deployment", r -> Map.of("readyReplicas", r.get("spec", "replicas")));
    statuses.put("Job", r -> Map.of("succeeded", 1));
    statuses.put("FlinkDeployment", r -> Map.of("jobStatus", Map.of("state", "RUNNING"),
        "lifecycleState", "STABLE"));
  }

  FakeOperators start() {
    thread.scheduleWithFixedDelay(this::reconcile, 0, 50, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * What went wrong in the status functions (a scheduled task that throws stops silently). A
   * request the mock server did not answer in time is retried on the next round instead.
   */
  final List<Throwable> errors = new CopyOnWriteArrayList<>();

  private void reconcile() {
    try {
      reconcileOnce();
    } catch (KubernetesClientException e) {
      // the next round asks again
    } catch (RuntimeException e) {
      errors.add(e);
    }
  }

  private void reconcileOnce() {
    for (Kind kind : Kind.ALL) {
      if (!Readiness.waitsFor(kind.kind()) || !statuses.containsKey(kind.kind())) {
        continue;
      }
      for (GenericKubernetesResource r : client.genericKubernetesResources(kind.context())
          .inNamespace(namespace).list().getItems()) {
        Map<String, Object> status = statuses.get(kind.kind()).apply(r);
        if (status == null || status.equals(r.get("status"))) {
          continue;
        }
        // Recorded before the status is written: once it is, the deployer may move on.
        String id = kind.kind() + " " + r.getMetadata().getName();
        if (!readied.contains(id)) {
          existingWhenReadied.put(id, existing());
          readied.add(id);
        }
        r.setAdditionalProperty("status", status);
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(r)
            .updateStatus();
      }
    }
  }

  private List<String> existing() {
    return Kind.ALL.stream().filter(Kind::namespaced)
        .flatMap(k -> client.genericKubernetesResources(k.context()).inNamespace(namespace)
            .list().getItems().stream().map(r -> k.kind() + " " + r.getMetadata().getName()))
        .toList();
  }

  static Map<String, Object> strimziReady() {
    return Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True")));
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
