package io.challengeradar.app;

import io.challengeradar.infra.RadarHome;
import io.challengeradar.kubernetes.Deployer;
import io.challengeradar.kubernetes.KubernetesDeployException;
import io.challengeradar.kubernetes.Kustomize;
import io.challengeradar.kubernetes.Manifests;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code radar k8s}: the platform on Kubernetes, from the manifests in infra/kubernetes
 * (docs/kubernetes.md). Each subcommand parses its flags and calls the kubernetes module.
 */
@Command(
    name = "k8s",
    mixinStandardHelpOptions = true,
    description = "Deploy the platform on Kubernetes (the Flink Kubernetes Operator, Strimzi,"
        + " ECK): render, apply, status, upgrade. See docs/kubernetes.md.",
    subcommands = {
      K8sCommand.Render.class,
      K8sCommand.Apply.class,
      K8sCommand.Status.class,
      K8sCommand.Upgrade.class,
    })
public final class K8sCommand {

  /** Where the manifests are and which overlay. */
  static final class OverlayFlags {
    @Option(names = "--overlay", defaultValue = "dev",
        description = "The kustomize overlay under infra/kubernetes/overlays: dev, prod or gpu"
            + " (default: ${DEFAULT-VALUE}).")
    String overlay;

    @Option(names = "--namespace",
        description = "Deploy into this namespace instead of the manifests' (challenge-radar).")
    String namespace;

    @Option(names = "--manifests",
        description = "The manifests' folder (default: infra/kubernetes in the project).")
    java.nio.file.Path manifests;

    Manifests render() {
      java.nio.file.Path dir = manifests != null ? manifests
          : RadarHome.projectRoot().resolve(Kustomize.MANIFESTS);
      return Manifests.parse(Kustomize.onPath().render(Kustomize.overlay(dir, overlay)))
          .inNamespace(namespace);
    }
  }

  /** How to reach the cluster. */
  static final class ClusterFlags {
    @Option(names = "--context",
        description = "The kubeconfig context to use (default: the current one).")
    String context;

    @Option(names = "--timeout", defaultValue = "15m",
        description = "How long each stage may take to become ready (default: ${DEFAULT-VALUE};"
            + " 30s, 10m, 1h).")
    String timeout;

    KubernetesClient client() {
      return new KubernetesClientBuilder().withConfig(Config.autoConfigure(context)).build();
    }

    Duration timeout() {
      return io.challengeradar.config.OptionTypes.parseDuration(timeout);
    }
  }

  /** Runs {@code work}, turning the deployer's and the client's errors into one line and 1. */
  static int run(CommandSpec spec, Callable<Integer> work) {
    try {
      return work.call();
    } catch (KubernetesDeployException | KubernetesClientException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Command(name = "render", mixinStandardHelpOptions = true,
      description = "Print the overlay's manifests (kubectl kustomize; kubectl must be on the"
          + " PATH).")
  static final class Render implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OverlayFlags overlay = new OverlayFlags();

    @Override
    public Integer call() {
      return run(spec, () -> {
        Manifests m = overlay.render();
        spec.commandLine().getOut().print(m.yaml());
        return 0;
      });
    }
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = "Apply the overlay in dependency order: checks the operators' CRDs and"
          + " workloads, then Kafka and Elasticsearch (waits until Ready), the serving tier, the"
          + " API and the setup Job (waits until ready and done), then the job (waits until"
          + " RUNNING). A second apply changes nothing.")
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OverlayFlags overlay = new OverlayFlags();
    @Mixin ClusterFlags cluster = new ClusterFlags();

    @Option(names = "--skip-operator-check",
        description = "Check the operators' CRDs only, not their workloads (for operators"
            + " installed under other names).")
    boolean skipOperatorCheck;

    @Override
    public Integer call() {
      return run(spec, () -> {
        PrintWriter out = spec.commandLine().getOut();
        Manifests m = overlay.render();
        try (KubernetesClient client = cluster.client()) {
          var applied = new Deployer(client, cluster.timeout(), line -> {
            out.println(line);
            out.flush();
          }).apply(m, !skipOperatorCheck);
          long changed = applied.stream()
              .filter(a -> a.action() != Deployer.Action.UNCHANGED).count();
          out.println("applied " + applied.size() + " objects to namespace " + m.namespace()
              + " (" + changed + " created or updated); everything is ready");
        }
        return 0;
      });
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Each component's readiness and the job's state, as the cluster reports"
          + " them.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OverlayFlags overlay = new OverlayFlags();
    @Mixin ClusterFlags cluster = new ClusterFlags();

    @Override
    public Integer call() {
      return run(spec, () -> {
        PrintWriter out = spec.commandLine().getOut();
        Manifests m = overlay.render();
        try (KubernetesClient client = cluster.client()) {
          var all = new Deployer(client, cluster.timeout(), line -> { }).status(m);
          all.forEach(s -> out.printf("%-24s %-28s %-8s %s%n", s.kind(), s.name(),
              s.state(), s.detail()));
          return all.stream().allMatch(s -> s.state()
              == io.challengeradar.kubernetes.Readiness.State.READY) ? 0 : 3;
        }
      });
    }
  }

  @Command(name = "upgrade", mixinStandardHelpOptions = true,
      description = "Roll the job to a new jar through the operator's savepoint upgrade (a"
          + " savepoint, then the new jar started from it) and wait until it runs.")
  static final class Upgrade implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterFlags cluster = new ClusterFlags();

    @Option(names = "--jar", required = true,
        description = "The new job jar's URI in the image, e.g."
            + " local:///opt/flink/usrlib/radar-job.jar.")
    String jar;

    @Option(names = "--image", description = "The image holding the new jar, when it changes.")
    String image;

    @Option(names = "--namespace", defaultValue = "challenge-radar",
        description = "The job's namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--name", defaultValue = "radar-pipeline",
        description = "The FlinkDeployment (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
      return run(spec, () -> {
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = cluster.client()) {
          Deployer.Upgrade u = new Deployer(client, cluster.timeout(), out::println)
              .upgrade(namespace, name, jar, image);
          out.println("FlinkDeployment " + u.name() + " runs " + u.jarUri() + ", started from "
              + (u.savepoint() == null ? "a savepoint the operator did not report"
                  : u.savepoint()));
          out.println("Put the new jar (and image) into the overlay, or the next apply rolls it"
              + " back.");
        }
        return 0;
      });
    }
  }
}
