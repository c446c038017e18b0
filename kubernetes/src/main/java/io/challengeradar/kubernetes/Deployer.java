package io.challengeradar.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Applies rendered manifests in {@link Stage} order, waiting after each stage until its
 * controllers report ready; reports each component's state; rolls the job to a new jar.
 *
 * <p>Apply is create-or-replace with a comparison first: a resource whose manifest is already
 * contained in what the cluster holds is left alone, so a second apply changes nothing (and
 * bumps no generation an operator would act on). Server-side apply would merge field ownership
 * more finely, but the mock server the tests run against does not implement it.
 */
public final class Deployer {
  /** What apply did to one resource. */
  public enum Action { CREATED, UPDATED, UNCHANGED }

  public record Applied(String kind, String name, Action action) {}

  /** One component's state, as {@code radar k8s status} prints it. */
  public record ComponentStatus(String kind, String name, Readiness.State state, String detail) {}

  /** Where an upgrade ended: the jar now running and the savepoint it started from. */
  public record Upgrade(String name, String jarUri, String savepoint) {}

  /** How often a wait asks again: operators take seconds to minutes, a watch would save little. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final Duration timeout;
  private final Duration poll;
  private final Consumer<String> progress;

  /**
   * @param timeout how long each stage may take to become ready
   * @param progress one line per step, for the console
   */
  public Deployer(KubernetesClient client, Duration timeout, Consumer<String> progress) {
    this(client, timeout, DEFAULT_POLL, progress);
  }

  /** @param poll how often a wait reads the resource's status again */
  public Deployer(KubernetesClient client, Duration timeout, Duration poll,
      Consumer<String> progress) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Checks the operators, then applies and waits stage by stage.
   *
   * @param checkOperators also look for the operators' workloads, not only their CRDs
   */
  public List<Applied> apply(Manifests manifests, boolean checkOperators) {
    Preflight.check(client, manifests, checkOperators, progress);
    List<Applied> applied = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      List<GenericKubernetesResource> resources = manifests.in(stage);
      for (GenericKubernetesResource r : resources) {
        Applied a = applyOne(r, manifests);
        progress.accept(a.action().name().toLowerCase(java.util.Locale.ROOT) + " " + a.kind()
            + " " + a.name());
        applied.add(a);
      }
      awaitReady(stage, resources);
    }
    return applied;
  }

  /** Each waited-for component of the manifests, as the cluster reports it now. */
  public List<ComponentStatus> status(Manifests manifests) {
    List<ComponentStatus> out = new ArrayList<>();
    for (GenericKubernetesResource r : manifests.resources()) {
      if (!Readiness.waitsFor(r.getKind())) {
        continue;
      }
      GenericKubernetesResource live = resource(r).get();
      if (live == null) {
        out.add(new ComponentStatus(r.getKind(), name(r), Readiness.State.WAITING, "absent"));
      } else {
        Readiness.Check c = Readiness.check(live);
        out.add(new ComponentStatus(r.getKind(), name(r), c.state(), c.detail()));
      }
    }
    return out;
  }

  /**
   * Rolls the FlinkDeployment {@code name} to {@code jarUri} (and {@code image}, when not null)
   * with upgrade mode savepoint: the operator takes a savepoint, stops the job and starts the new
   * jar from it. Waits until the operator has reconciled the new jar and the job runs.
   */
  public Upgrade upgrade(String namespace, String name, String jarUri, String image) {
    Kind kind = Kind.of("flink.apache.org/v1beta1", "FlinkDeployment");
    Resource<GenericKubernetesResource> handle = client.genericKubernetesResources(
        kind.context()).inNamespace(namespace).withName(name);
    GenericKubernetesResource current = handle.get();
    if (current == null) {
      throw new KubernetesDeployException("no FlinkDeployment " + name + " in namespace "
          + namespace + ": run radar k8s apply first");
    }
    GenericKubernetesResource next = Manifests.copy(current);
    Map<String, Object> job = map(next, "spec", "job");
    job.put("jarURI", jarUri);
    job.put("upgradeMode", "savepoint");
    if (image != null) {
      map(next, "spec").put("image", image);
    }
    next.getAdditionalProperties().remove("status");
    client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(next)
        .update();
    progress.accept("FlinkDeployment " + name + ": upgrading to " + jarUri
        + " through a savepoint");
    GenericKubernetesResource done = await(handle, "FlinkDeployment " + name + " to run "
        + jarUri, r -> {
          String reconciled = Readiness.text(r, "status", "reconciliationStatus",
              "lastReconciledSpec");
          return reconciled != null && reconciled.contains(jarUri)
              && Readiness.check(r).state() != Readiness.State.WAITING;
        }, Instant.now().plus(timeout));
    Readiness.Check c = Readiness.check(done);
    if (c.state() == Readiness.State.FAILED) {
      throw new KubernetesDeployException("FlinkDeployment " + name + " " + c.detail());
    }
    String savepoint = Readiness.text(done, "status", "jobStatus", "upgradeSavepointPath");
    if (savepoint == null) {
      savepoint = Readiness.text(done, "status", "jobStatus", "savepointInfo", "lastSavepoint",
          "location");
    }
    return new Upgrade(name, jarUri, savepoint);
  }

  private Applied applyOne(GenericKubernetesResource manifest, Manifests all) {
    GenericKubernetesResource desired = Manifests.stored(manifest);
    Resource<GenericKubernetesResource> handle = resource(desired);
    GenericKubernetesResource existing = handle.get();
    if (existing == null) {
      handle.create();
      return new Applied(desired.getKind(), name(desired), Action.CREATED);
    }
    keepAutoscaledReplicas(desired, existing, all);
    if (Contains.contains(existing, desired)) {
      return new Applied(desired.getKind(), name(desired), Action.UNCHANGED);
    }
    desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
    resource(desired).update();
    return new Applied(desired.getKind(), name(desired), Action.UPDATED);
  }

  /** An HPA owns the replicas of the Deployment it scales: apply must not reset them. */
  private static void keepAutoscaledReplicas(GenericKubernetesResource desired,
      GenericKubernetesResource existing, Manifests all) {
    if (!desired.getKind().equals("Deployment") || existing.get("spec", "replicas") == null) {
      return;
    }
    boolean scaled = all.resources().stream()
        .filter(r -> r.getKind().equals("HorizontalPodAutoscaler"))
        .anyMatch(h -> name(desired).equals(h.get("spec", "scaleTargetRef", "name")));
    if (scaled) {
      map(desired, "spec").put("replicas", existing.get("spec", "replicas"));
    }
  }

  private void awaitReady(Stage stage, List<GenericKubernetesResource> resources) {
    Instant deadline = Instant.now().plus(timeout);
    for (GenericKubernetesResource r : resources) {
      if (!Readiness.waitsFor(r.getKind())) {
        continue;
      }
      String what = r.getKind() + " " + name(r);
      progress.accept("waiting for " + what);
      GenericKubernetesResource live = await(resource(r), what,
          x -> Readiness.check(x).state() != Readiness.State.WAITING, deadline);
      Readiness.Check c = Readiness.check(live);
      if (c.state() == Readiness.State.FAILED) {
        throw new KubernetesDeployException(what + " " + c.detail() + " (stage "
            + stage.name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
      progress.accept(what + ": " + c.detail());
    }
  }

  private GenericKubernetesResource await(Resource<GenericKubernetesResource> handle,
      String what, java.util.function.Predicate<GenericKubernetesResource> done,
      Instant deadline) {
    while (true) {
      GenericKubernetesResource r = handle.get();
      if (r != null && done.test(r)) {
        return r;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new KubernetesDeployException("timed out after " + timeout + " waiting for " + what
            + "; it says: " + (r == null ? "absent" : Readiness.check(r).detail())
            + " (kubectl describe shows why; a longer --timeout may be all it needs)");
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubernetesDeployException("interrupted waiting for " + what, e);
      }
    }
  }

  private Resource<GenericKubernetesResource> resource(GenericKubernetesResource r) {
    Kind kind = Manifests.kindOf(r);
    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
        Resource<GenericKubernetesResource>> op = kind.namespaced()
            ? client.genericKubernetesResources(kind.context())
                .inNamespace(r.getMetadata().getNamespace())
            : client.genericKubernetesResources(kind.context());
    return op.resource(r);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(GenericKubernetesResource r, String... path) {
    Object v = r.get((Object[]) path);
    if (!(v instanceof Map<?, ?>)) {
      throw new KubernetesDeployException(r.getKind() + " " + name(r) + " has no "
          + String.join(".", path));
    }
    return (Map<String, Object>) v;
  }

  private static String name(GenericKubernetesResource r) {
    return r.getMetadata().getName();
  }
}
