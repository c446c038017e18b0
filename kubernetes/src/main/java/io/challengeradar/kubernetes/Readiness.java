package io.challengeradar.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What "ready" means for each kind the deployer waits on, read from the status its controller
 * writes: Strimzi's Ready condition, ECK's phase and health, the Flink operator's job state, Deployments and Jobs as kubectl reads them. Kinds not
 * listed have nothing to wait for.
 */
public final class Readiness {
  private static final Set<String> WAITED = Set.of("Kafka", "KafkaTopic", "KafkaUser",
      "Elasticsearch", "Kibana", "Deployment", "Job", "FlinkDeployment");

  /** Where a resource stands. */
  public enum State { READY, WAITING, FAILED }

  /** @param detail what its status says, one short phrase */
  public record Check(State state, String detail) {}

  private Readiness() {}

  /** Whether the deployer waits for resources of {@code kind}. */
  public static boolean waitsFor(String kind) {
    return WAITED.contains(kind);
  }

  public static Check check(GenericKubernetesResource r) {
    return switch (r.getKind()) {
      case "Kafka", "KafkaTopic", "KafkaUser" -> strimzi(r.get("status", "conditions"));
      case "Elasticsearch" -> {
        String phase = text(r, "status", "phase");
        String health = text(r, "status", "health");
        boolean ready = "Ready".equals(phase) && ("green".equals(health)
            || "yellow".equals(health));
        yield new Check(ready ? State.READY : State.WAITING,
            "phase " + orNone(phase) + ", health " + orNone(health));
      }
      case "Kibana" -> {
        String health = text(r, "status", "health");
        yield new Check("green".equals(health) ? State.READY : State.WAITING,
            "health " + orNone(health));
      }
      case "Deployment" -> deployment(r);
      case "Job" -> job(r);
      case "FlinkDeployment" -> flink(r);
      default -> new Check(State.READY, "applied");
    };
  }

  /** Strimzi's status: a Ready condition, or NotReady with the reason. */
  private static Check strimzi(Object conditions) {
    if (!(conditions instanceof List<?> list)) {
      return new Check(State.WAITING, "no status yet");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> c)) {
        continue;
      }
      String message = c.get("message") == null ? "none" : String.valueOf(c.get("message"));
      if ("Ready".equals(c.get("type"))) {
        return "True".equals(c.get("status")) ? new Check(State.READY, "Ready")
            : new Check(State.WAITING, "not ready: " + message);
      }
      if ("NotReady".equals(c.get("type")) && "True".equals(c.get("status"))) {
        return new Check(State.WAITING, "not ready: " + message);
      }
    }
    return new Check(State.WAITING, "no Ready condition yet");
  }

  private static Check deployment(GenericKubernetesResource r) {
    long wanted = number(r, 1, "spec", "replicas");
    long ready = number(r, 0, "status", "readyReplicas");
    long generation = r.getMetadata().getGeneration() == null ? 0
        : r.getMetadata().getGeneration();
    long observed = number(r, generation, "status", "observedGeneration");
    boolean done = ready >= wanted && observed >= generation;
    return new Check(done ? State.READY : State.WAITING, ready + "/" + wanted + " ready");
  }

  private static Check job(GenericKubernetesResource r) {
    if (number(r, 0, "status", "succeeded") >= 1) {
      return new Check(State.READY, "completed");
    }
    Object conditions = r.get("status", "conditions");
    if (conditions instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> c && "Failed".equals(c.get("type"))
            && "True".equals(c.get("status"))) {
          return new Check(State.FAILED, "failed: " + c.get("message"));
        }
      }
    }
    return new Check(State.WAITING, "running, " + number(r, 0, "status", "failed")
        + " failed attempts");
  }

  private static Check flink(GenericKubernetesResource r) {
    String job = text(r, "status", "jobStatus", "state");
    String lifecycle = text(r, "status", "lifecycleState");
    String error = text(r, "status", "error");
    if ("FAILED".equals(job) || "FAILED".equals(lifecycle)) {
      return new Check(State.FAILED, "job " + orNone(job) + ": " + orNone(error));
    }
    return new Check("RUNNING".equals(job) ? State.READY : State.WAITING,
        "job " + orNone(job) + ", lifecycle " + orNone(lifecycle));
  }

  static String text(GenericKubernetesResource r, Object... path) {
    Object v = r.get(path);
    return v == null ? null : String.valueOf(v);
  }

  private static long number(GenericKubernetesResource r, long otherwise, Object... path) {
    Object v = r.get(path);
    return v instanceof Number n ? n.longValue() : otherwise;
  }

  private static String orNone(String s) {
    return Objects.requireNonNullElse(s, "none");
  }
}
